import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("password reset")
struct PasswordResetRoutesTests {
    @Test func allThreeRequestFormsAnswerAChallenge() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let byQuery = try await client.send(.get, "/api/v1/auth/reset/password?email=ada%40example.com")
            #expect(byQuery.status == .ok)
            #expect(try byQuery.keys() == ["verification_id", "expires_at"])
            let byGetBody = try await client.send(.get, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"])
            #expect(try byGetBody.keys() == ["verification_id", "expires_at"])
            let byPost = try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"])
            #expect(try byPost.keys() == ["verification_id", "expires_at"])
            let unknown = try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "nobody@example.com"])
            #expect(unknown.status == .ok)
            #expect(try unknown.keys() == ["verification_id", "expires_at"])
            try await client.send(.get, "/api/v1/auth/reset/password").expectProblem(.badRequest, "invalid_request")
        }
    }

    @Test func completingResetChangesThePasswordAndEndsEverySession() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let challenge = try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"])
            let id = try challenge.object()["verification_id"] as? String ?? ""
            let code = try await h.code(for: "ada@example.com")
            let done = try await client.send(
                .patch, "/api/v1/auth/reset/password", json: ["token_id": id, "code": code, "password": "a brand new secret"])
            #expect(done.status == .ok)
            #expect(try done.object()["success"] as? Bool == true)
            try await client.send(.get, "/api/v1/auth/me", token: token).expectProblem(.unauthorized, "unauthorized")
            try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .expectProblem(.unauthorized, "invalid_credentials")
            let signIn = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "a brand new secret"])
            #expect(signIn.status == .ok)
        }
    }

    @Test func aResetWithAShortPasswordIsRefusedBeforeTheCodeIsSpent() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let challenge = try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "ada@example.com"])
            let id = try challenge.object()["verification_id"] as? String ?? ""
            let code = try await h.code(for: "ada@example.com")
            try await client.send(.patch, "/api/v1/auth/reset/password", json: ["token_id": id, "code": code, "password": "short"])
                .expectProblem(.badRequest, "invalid_request")
            let done = try await client.send(
                .patch, "/api/v1/auth/reset/password", json: ["token_id": id, "code": code, "password": "long enough now"])
            #expect(done.status == .ok)
        }
    }
}
