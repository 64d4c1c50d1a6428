import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A user store that cannot be reached.
struct UnreachableUserStore: UserStore {
    func insert(_ user: User) async throws { throw AuthError(.unavailable) }
    func user(id: UserID) async throws -> User? { throw AuthError(.unavailable) }
    func user(email: EmailAddress) async throws -> User? { throw AuthError(.unavailable) }
    func update(_ user: User) async throws { throw AuthError(.unavailable) }
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
        let h = try await HTTPHarness(users: UnreachableUserStore())
        try await h.test { client in
            #expect(try await client.send(.get, "/healthz").status == .ok)
            let r = try await client.send(.get, "/readyz")
            try r.expectProblem(.serviceUnavailable, "unavailable")
            #expect(r.headers[.retryAfter] == "5")
            try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .expectProblem(.serviceUnavailable, "unavailable")
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
