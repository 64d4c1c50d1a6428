import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("sign-up, verify-email, resend")
struct SignUpRoutesTests {
    @Test func signUpAnswersTheSeedShapeWithMillisecondTimestamps() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "Ada@Example.com", "password": "correct horse battery"])
            #expect(r.status == .created)
            #expect(try r.keys() == ["verification_id", "expires_at"])
            // The manual clock starts at 2026-01-01T00:00:00Z; codes live 10 minutes.
            #expect(try r.object()["expires_at"] as? String == "2026-01-01T00:10:00.000Z")
            #expect(UUID(uuidString: try r.object()["verification_id"] as? String ?? "") != nil)
            #expect(r.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test func verifyEmailReturnsAWorkingToken() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            #expect(token.split(separator: ".").count == 3)
            let me = try await client.send(.get, "/api/v1/auth/me", token: token)
            #expect(me.status == .ok)
        }
    }

    @Test func aWrongCodeIsAProblemAndTheRightOneStillWorks() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let id = try r.object()["verification_id"] as? String ?? ""
            let code = try await h.code(for: "ada@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": id, "code": wrong])
                .expectProblem(.badRequest, "invalid_code")
            try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": "not-a-uuid", "code": code])
                .expectProblem(.badRequest, "invalid_code")
            let ok = try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": id, "code": code])
            #expect(try ok.keys() == ["password_set", "token", "refresh_token", "expires_in"])
            #expect(try ok.object()["password_set"] as? Bool == true)
        }
    }

    @Test func anExpiredCodeIsCodeExpired() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let id = try r.object()["verification_id"] as? String ?? ""
            h.clock.advance(by: .seconds(16 * 60))
            try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": id, "code": try await h.code(for: "ada@example.com")])
                .expectProblem(.badRequest, "code_expired")
        }
    }

    @Test func resendReplacesTheCodeAndAnswersAlikeForUnknownAddresses() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let first = try await h.code(for: "ada@example.com")
            let resent = try await client.send(.post, "/api/v1/auth/resend/verification/email", json: ["email": "ada@example.com"])
            #expect(resent.status == .ok)
            #expect(try resent.keys() == ["verification_id", "expires_at"])
            let unknown = try await client.send(.post, "/api/v1/auth/resend/verification/email", json: ["email": "nobody@example.com"])
            #expect(unknown.status == .ok)
            #expect(try unknown.keys() == ["verification_id", "expires_at"])
            let id = try resent.object()["verification_id"] as? String ?? ""
            let second = try await h.code(for: "ada@example.com")
            if first != second {
                try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": id, "code": first])
                    .expectProblem(.badRequest, "invalid_code")
            }
            let ok = try await client.send(.post, "/api/v1/auth/verify-email", json: ["token_id": id, "code": second])
            #expect(ok.status == .ok)
        }
    }

    @Test func aShortPasswordOrBadEmailIsInvalidRequest() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "ada@example.com", "password": "short"])
                .expectProblem(.badRequest, "invalid_request")
            try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": "not an email", "password": "correct horse battery"])
                .expectProblem(.badRequest, "invalid_request")
        }
    }
}
