import AuthCore
import Foundation
import Hummingbird
import Logging

/// `GET /healthz` (the process answers), `GET /readyz` (every backing service answers) and
/// `GET /api/v1/openapi.json`.
struct HealthRoutes: Sendable {
    let probes: [any ReadinessProbe]

    func register(on router: Router<AuthRequestContext>) {
        router.get("healthz") { _, _ in
            try JSONBody.response(HealthResponse(status: "ok"))
        }
        router.get("readyz") { _, context in
            let degraded = try await checkProbes(logger: context.logger)
            return try JSONBody.response(ReadinessResponse(status: "ready", degraded: degraded))
        }
        router.get("api/v1/openapi.json") { _, _ in
            try JSONBody.response(OpenAPIDocument.document)
        }
    }

    /// Runs every probe at once. A required dependency that fails is a 503 naming it and why
    /// (`postgresql: schema_missing`, `postgresql: unreachable`): a reason code only, since the
    /// driver's text, which may hold a host or user, goes to the log.
    /// - Returns: the optional dependencies that failed.
    private func checkProbes(logger: Logger) async throws -> [String] {
        let failed = await withTaskGroup(of: (probe: any ReadinessProbe, reason: String)?.self) { group in
            for probe in probes {
                group.addTask {
                    do {
                        try await probe.check()
                        return nil
                    } catch {
                        logger.warning("readiness check failed", metadata: ["dependency": "\(probe.name)", "error": "\(error)"])
                        return (probe, (error as? ReadinessFailure)?.reason ?? "unreachable")
                    }
                }
            }
            return await group.reduce(into: [(probe: any ReadinessProbe, reason: String)]()) { if let f = $1 { $0.append(f) } }
        }
        let required = failed.filter(\.probe.isRequired).map { "\($0.probe.name): \($0.reason)" }.sorted()
        guard required.isEmpty else {
            throw AuthError(.unavailable, "not ready: \(required.joined(separator: ", "))")
        }
        return failed.map(\.probe.name).sorted()
    }
}
