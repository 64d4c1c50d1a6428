import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("sign-in with credentials and MFA")
struct SignInRoutesTests {
    @Test func credentialsGiveAToken() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(r.status == .ok)
            #expect(try r.keys() == ["token", "refresh_token", "expires_in"])
        }
    }

    @Test func wrongPasswordAndUnknownEmailGetTheSameAnswer() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let wrong = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "wrong password!"])
                .expectProblem(.unauthorized, "invalid_credentials")
            let unknown = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "eve@example.com", "password": "wrong password!"])
                .expectProblem(.unauthorized, "invalid_credentials")
            #expect(wrong["detail"] as? String == unknown["detail"] as? String)
        }
    }

    @Test func anUnverifiedAccountIsForbidden() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
            try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .expectProblem(.forbidden, "email_not_verified")
        }
    }

    @Test func mfaRequiredIsTheSeedBodyAndTheMailedCodeCompletesSignIn() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let enabled = try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token)
            #expect(try enabled.object()["mfa_enabled"] as? Bool == true)

            let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(r.status == .unauthorized)
            let body = try r.object()
            // The seed's body, plus the user's methods.
            #expect(Set(body.keys) == ["error", "verification_id", "expires_at", "message", "methods"])
            #expect(body["methods"] as? [String] == ["email"])
            #expect(body["error"] as? String == "mfa_required")
            #expect(body["message"] as? String == "Login blocked. Multi-factor authentication required.")
            #expect(body["expires_at"] as? String == "2026-01-01T00:10:00.000Z")

            let id = body["verification_id"] as? String ?? ""
            let code = try await h.code(for: "ada@example.com")
            let done = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": code])
            #expect(done.status == .ok)
            #expect(try done.keys() == ["token", "refresh_token", "expires_in"])
            // Single use.
            try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": code])
                .expectProblem(.badRequest, "invalid_code")
        }
    }

    @Test func fiveWrongMFACodesKillTheCode() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            _ = try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token)
            let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let id = try r.object()["verification_id"] as? String ?? ""
            let code = try await h.code(for: "ada@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": wrong])
                    .expectProblem(.badRequest, "invalid_code")
            }
            try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": code])
                .expectProblem(.badRequest, "too_many_attempts")
        }
    }
}

@Suite("second factors over HTTP")
struct SecondFactorRoutesTests {
    /// A made-up method registered by the host: `POST /sign-in/mfa` completes it with `method`,
    /// through the same routes, limits and answers as the mailed code.
    struct FixedAnswerFactor: SecondFactor {
        let method = SecondFactorMethod(rawValue: "fixed_answer")
        let amr = "fixed"
        func isEnabled(for user: User) async throws -> Bool { true }
        func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}
        func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool { response == "42" }
    }

    @Test func aRegisteredMethodIsCompletedThroughSignInMFA() async throws {
        let h = try await HTTPHarness(secondFactors: [FixedAnswerFactor()])
        try await h.test { client in
            let token = try await client.registered(h)
            #expect(try await client.send(.get, "/api/v1/auth/me", token: token).object()["user"].flatMap { ($0 as? [String: Any])?["mfa_enabled"] as? Bool } == true)
            let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            #expect(r.status == .unauthorized)
            let id = try r.object()["verification_id"] as? String ?? ""
            try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": "41", "method": "fixed_answer"])
                .expectProblem(.badRequest, "invalid_code")
            try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": "42", "method": "Fixed Answer!"])
                .expectProblem(.badRequest, "invalid_request")
            let done = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: ["token_id": id, "code": "42", "method": "fixed_answer"])
            #expect(done.status == .ok)
            #expect(try done.keys() == ["token", "refresh_token", "expires_in"])
        }
    }
}
