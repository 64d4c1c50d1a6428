import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The account-takeover attacks of docs/api.md ("Account lifecycle and enumeration"), through HTTP on the in-memory adapters (authd's black-box tests run the
/// takeover against PostgreSQL too).
@Suite("account security over HTTP")
struct AccountSecurityRoutesTests {
    static let signUp = "/api/v1/auth/sign-up"
    static let verify = "/api/v1/auth/verify-email"
    static let signIn = "/api/v1/auth/sign-in/credentials"

    @Test func aRepeatSignUpCannotTakeTheAccountOver() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let owner = try await client.send(.post, Self.signUp, json: ["email": "ada@example.com", "password": "owner password"])
            let ownerID = try owner.object()["verification_id"] as? String ?? ""
            let ownerCode = try await h.code(for: "ada@example.com")
            // Someone else signs the same address up with a password they know.
            let attacker = try await client.send(.post, Self.signUp, json: ["email": "ada@example.com", "password": "attacker password"])
            #expect(attacker.status == .created)
            // The owner's code still works; the owner verifies.
            let verified = try await client.send(.post, Self.verify, json: ["token_id": ownerID, "code": ownerCode])
            #expect(verified.status == .ok)
            try await client.send(.post, Self.signIn, json: ["email": "ada@example.com", "password": "attacker password"])
                .expectProblem(.unauthorized, "invalid_credentials")
            #expect(try await client.send(.post, Self.signIn, json: ["email": "ada@example.com", "password": "owner password"]).status == .ok)
        }
    }

    /// Walks a real challenge and a decoy side by side and compares every answer.
    static func walk(
        _ h: HTTPHarness, _ client: any TestClientProtocol, real: String, decoy: String, submit: (String, String) -> (HTTPRequest.Method, String, [String: String])
    ) async throws {
        func answer(_ id: String) async throws -> (Int, String) {
            let (method, path, body) = submit(id, "000001")
            let r = try await client.send(method, path, json: body)
            return (Int(r.status.code), try r.object()["error"] as? String ?? "")
        }
        for attempt in 1...6 {
            let a = try await answer(real)
            let b = try await answer(decoy)
            #expect(a == b, "attempt \(attempt): the decoy answered \(b), the real challenge \(a)")
            #expect(a.1 == (attempt <= 5 ? "invalid_code" : "too_many_attempts"))
        }
    }

    /// Opens a real challenge (for ada, who has an account) and a decoy (for nobody) with `open`,
    /// walks both through wrong codes and too many attempts, then two fresh ones through expiry.
    static func walkBoth(
        _ h: HTTPHarness, _ client: any TestClientProtocol, open: (String) async throws -> String,
        submit: (String, String) -> (HTTPRequest.Method, String, [String: String])
    ) async throws {
        try await walk(h, client, real: try await open("ada@example.com"), decoy: try await open("nobody@example.com"), submit: submit)
        // A second request replaces the first challenge, real or decoy: the first id is dead.
        let firstReal = try await open("ada@example.com")
        let firstDecoy = try await open("nobody@example.com")
        let real = try await open("ada@example.com")
        let decoy = try await open("nobody@example.com")
        for id in [firstReal, firstDecoy] {
            let (method, path, body) = submit(id, "000001")
            try await client.send(method, path, json: body).expectProblem(.badRequest, "invalid_code")
        }
        h.clock.advance(by: .seconds(601))
        for id in [real, decoy] {
            let (method, path, body) = submit(id, "000001")
            try await client.send(method, path, json: body).expectProblem(.badRequest, "code_expired")
        }
    }

    @Test func aResetDecoyAnswersLikeARealChallengeThroughEveryState() async throws {
        let h = try await HTTPHarness(settings: Self.unlimited)
        try await h.test { client in
            _ = try await client.registered(h)
            func request(_ email: String) async throws -> String {
                try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": email]).object()["verification_id"] as? String ?? ""
            }
            let submit: (String, String) -> (HTTPRequest.Method, String, [String: String]) = { id, code in
                (.patch, "/api/v1/auth/reset/password", ["token_id": id, "code": code, "password": "a new long password"])
            }
            try await Self.walkBoth(h, client, open: request, submit: submit)
        }
    }

    @Test func aResendDecoyAnswersLikeARealChallengeThroughEveryState() async throws {
        let h = try await HTTPHarness(settings: Self.unlimited)
        try await h.test { client in
            _ = try await client.send(.post, Self.signUp, json: ["email": "ada@example.com", "password": "owner password"])
            func resend(_ email: String) async throws -> String {
                try await client.send(.post, "/api/v1/auth/resend/verification/email", json: ["email": email])
                    .object()["verification_id"] as? String ?? ""
            }
            let submit: (String, String) -> (HTTPRequest.Method, String, [String: String]) = { id, code in
                (.post, Self.verify, ["token_id": id, "code": code])
            }
            try await Self.walkBoth(h, client, open: resend, submit: submit)
        }
    }

    @Test func responsesCarryingATokenOrACodeIDAreNoStore() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let signUp = try await client.send(.post, Self.signUp, json: ["email": "ada@example.com", "password": "owner password"])
            #expect(signUp.headers[.cacheControl] == "no-store")
            let id = try signUp.object()["verification_id"] as? String ?? ""
            let verified = try await client.send(.post, Self.verify, json: ["token_id": id, "code": try await h.code(for: "ada@example.com")])
            #expect(verified.headers[.cacheControl] == "no-store")
            let token = try verified.object()["token"] as? String ?? ""
            #expect(try await client.send(.get, "/api/v1/auth/me", token: token).headers[.cacheControl] == "no-store")
            _ = try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token)
            let mfa = try await client.send(.post, Self.signIn, json: ["email": "ada@example.com", "password": "owner password"])
            #expect(mfa.status == .unauthorized)
            #expect(mfa.headers[.cacheControl] == "no-store")
            let refused = try await client.send(.post, Self.signIn, json: ["email": "ada@example.com", "password": "wrong password"])
            #expect(refused.headers[.cacheControl] == "no-store")
            #expect(try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"]).headers[.cacheControl] == "no-store")
        }
    }

    @Test func switchingMFAOffNeedsARecentAuthenticationAndMailsTheOwner() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h, password: "owner password")
            #expect(try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token).status == .ok)
            // Eleven minutes after sign-in the session is no longer recent.
            h.clock.advance(by: .seconds(11 * 60))
            try await client.send(.patch, "/api/v1/auth/disable/mfa", token: token)
                .expectProblem(.forbidden, "reauthentication_required")
            try await client.send(.post, "/api/v1/auth/reauthenticate", json: ["password": "wrong password"], token: token)
                .expectProblem(.unauthorized, "invalid_credentials")
            #expect(try await client.send(.post, "/api/v1/auth/reauthenticate", json: ["password": "owner password"], token: token).status == .ok)
            let off = try await client.send(.patch, "/api/v1/auth/disable/mfa", token: token)
            #expect(off.status == .ok)
            #expect(try off.object()["mfa_enabled"] as? Bool == false)
            let notice = await h.mailbox.latest(to: try EmailAddress("ada@example.com"))
            #expect(notice?.kindName == "second_factor_removed")
            // Switching it on again needs nothing more than the session.
            h.clock.advance(by: .seconds(11 * 60))
            #expect(try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token).status == .ok)
        }
    }

    static var unlimited: AuthApplication.Settings {
        var settings = AuthApplication.Settings()
        settings.rateLimit = RateLimitPolicy(limit: 1000, window: .seconds(60))
        return settings
    }
}
