import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A user store that cannot be reached.
struct UnreachableUserStore: UserStore {
    func insert(_ user: User) async throws { throw AuthError(.unavailable) }
    func user(id: UserID) async throws -> User? { throw AuthError(.unavailable) }
    func user(email: EmailAddress) async throws -> User? { throw AuthError(.unavailable) }
    func markEmailVerified(_ id: UserID, at now: Date) async throws -> Bool { throw AuthError(.unavailable) }
    func setEmailFactor(_ id: UserID, enabled: Bool, at now: Date) async throws { throw AuthError(.unavailable) }
    func setBanned(_ id: UserID, _ banned: Bool, at now: Date) async throws { throw AuthError(.unavailable) }
    func changeEmail(_ id: UserID, to email: EmailAddress, at now: Date) async throws { throw AuthError(.unavailable) }
    func eraseData(of user: User) async throws { throw AuthError(.unavailable) }
}

/// A dependency that answers or not, as the test says.
final class SwitchableProbe: ReadinessProbe {
    let name: String
    let isRequired: Bool
    private let state: Mutex<Bool>
    init(name: String, up: Bool, required: Bool = true) {
        self.name = name
        self.isRequired = required
        self.state = Mutex(up)
    }
    var up: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
    func check() async throws {
        guard up else { throw AuthError(.unavailable, "connection refused") }
    }
}

@Suite("health, readiness and request ids")
struct HealthRoutesTests {
    @Test func healthAndReadinessAnswer() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let health = try await client.send(.get, "/healthz").object()
            #expect(health["status"] as? String == "ok")
            let ready = try await client.send(.get, "/readyz").object()
            #expect(ready["status"] as? String == "ready")
        }
    }

    @Test func readinessFailsWhenAStoreIsDownAndSignUpSays503() async throws {
        let database = SwitchableProbe(name: "postgresql", up: false)
        let h = try await HTTPHarness(users: UnreachableUserStore(), readiness: [SwitchableProbe(name: "redis", up: true), database])
        try await h.test { client in
            #expect(try await client.send(.get, "/healthz").status == .ok)
            let r = try await client.send(.get, "/readyz")
            try r.expectProblem(.serviceUnavailable, "unavailable")
            #expect(r.headers[.retryAfter] == "5")
            let detail = try r.object()["detail"] as? String
            #expect(detail?.contains("postgresql") == true)
            #expect(detail?.contains("redis") == false)
            try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .expectProblem(.serviceUnavailable, "unavailable")
            database.up = true
            #expect(try await client.send(.get, "/readyz").status == .ok)
        }
    }

    @Test func anOptionalDependencyThatIsDownIsDegradedNotUnready() async throws {
        let cache = SwitchableProbe(name: "redis", up: false, required: false)
        let h = try await HTTPHarness(readiness: [SwitchableProbe(name: "postgresql", up: true), cache])
        try await h.test { client in
            let r = try await client.send(.get, "/readyz")
            #expect(r.status == .ok)
            #expect(try r.object()["degraded"] as? [String] == ["redis"])
            cache.up = true
            #expect(try await client.send(.get, "/readyz").object()["degraded"] as? [String] == [])
        }
    }

    @Test func aSaneRequestIDIsEchoedAndAnInsaneOneReplaced() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.send(.get, "/healthz", headers: [RequestIDMiddleware.header: "abc-123.def"])
            #expect(r.headers[RequestIDMiddleware.header] == "abc-123.def")
            let evil = try await client.send(.get, "/healthz", headers: [RequestIDMiddleware.header: "a b\"c"])
            let replaced = try #require(evil.headers[RequestIDMiddleware.header])
            #expect(replaced != "a b\"c")
            #expect(UUID(uuidString: replaced) != nil)
            let generated = try await client.send(.get, "/api/v1/auth/nope")
            #expect(generated.headers[RequestIDMiddleware.header] != nil)
        }
    }
}
