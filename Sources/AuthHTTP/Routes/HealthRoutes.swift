import AuthCore
import Foundation
import Hummingbird
import Logging

/// `GET /healthz` (the process answers), `GET /readyz` (the stores answer) and
/// `GET /api/v1/openapi.json`.
struct HealthRoutes: Sendable {
    let dependencies: AuthDependencies

    func register(on router: Router<AuthRequestContext>) {
        router.get("healthz") { _, _ in
            try JSONBody.response(HealthResponse(status: "ok"))
        }
        router.get("readyz") { _, context in
            try await checkStores(logger: context.logger)
            return try JSONBody.response(HealthResponse(status: "ready"))
        }
        router.get("api/v1/openapi.json") { _, _ in
            try JSONBody.response(OpenAPIDocument.document)
        }
    }

    /// One cheap read through each store port that a request depends on; any failure is a 503.
    private func checkStores(logger: Logger) async throws {
        let probeEmail = EmailAddress(normalized: "readiness-probe@invalid")
        do {
            _ = try await dependencies.users.user(email: probeEmail)
            _ = try await dependencies.sessions.session(id: SessionID())
            _ = try await dependencies.verifications.code(id: VerificationID())
            _ = try await dependencies.cache.cached(SessionID())
        } catch {
            logger.warning("readiness check failed", metadata: ["error": "\(error)"])
            throw AuthError(.unavailable, "a backing store is unreachable")
        }
    }
}
