import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("token refresh")
struct RefreshRoutesTests {
    static let refresh = "/api/v1/auth/token/refresh"

    @Test func everySignInAnswerCarriesARefreshTokenAndTheAccessTokensLife() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let signedIn = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let body = try signedIn.object()
            #expect(Set(body.keys) == ["token", "refresh_token", "expires_in"])
            #expect(body["expires_in"] as? Int == 7 * 86_400)
            #expect(signedIn.headers[.cacheControl] == "no-store")
        }
    }

    @Test func aRefreshAnswersANewPairThatWorks() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let signedIn = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"]
            ).object()
            let refreshToken = try #require(signedIn["refresh_token"] as? String)
            h.clock.advance(by: .seconds(90))
            let r = try await client.send(.post, Self.refresh, json: ["refresh_token": refreshToken])
            #expect(r.status == .ok)
            #expect(r.headers[.cacheControl] == "no-store")
            let body = try r.object()
            #expect(Set(body.keys) == ["token", "refresh_token", "expires_in"])
            let token = try #require(body["token"] as? String)
            #expect(try await client.send(.get, "/api/v1/auth/me", token: token).status == .ok)
            // The same answer again within the reuse interval.
            let retried = try await client.send(.post, Self.refresh, json: ["refresh_token": refreshToken]).object()
            #expect(retried["refresh_token"] as? String == body["refresh_token"] as? String)
            // The refresh counted as use: /me/all shows it.
            let rows = try await client.send(.get, "/api/v1/auth/me/all", token: token).array()
            let row = try #require(rows.first { $0["primary"] as? Bool == true })
            #expect(row["last_used_at"] as? String == Timestamp.format(h.clock.now))
        }
    }

    @Test func badInputIsA400AndAnUnknownTokenA401() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            try await client.send(.post, Self.refresh, json: [:]).expectProblem(.badRequest, "invalid_request")
            try await client.sendRaw(.post, Self.refresh, body: #"{"refresh_token": 5}"#, contentType: "application/json")
                .expectProblem(.badRequest, "invalid_request")
            try await client.sendRaw(.post, Self.refresh, body: "{", contentType: "application/json")
                .expectProblem(.badRequest, "invalid_request")
            try await client.send(.post, Self.refresh, json: ["refresh_token": "not-a-token"])
                .expectProblem(.unauthorized, "unauthorized")
        }
    }

    @Test func aReusedTokenEndsTheSession() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            let first = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"]
            ).object()
            let stolen = try #require(first["refresh_token"] as? String)
            let owner = try await client.send(.post, Self.refresh, json: ["refresh_token": stolen]).object()
            h.clock.advance(by: .seconds(61))
            try await client.send(.post, Self.refresh, json: ["refresh_token": stolen]).expectProblem(.unauthorized, "unauthorized")
            let token = try #require(owner["token"] as? String)
            try await client.send(.get, "/api/v1/auth/me", token: token).expectProblem(.unauthorized, "unauthorized")
        }
    }
}

extension RefreshRoutesTests {
    @Test func anAdminRevokeEndsTheUsersRefreshTokens() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let token = try await client.registered(h, "ada@example.com")
            let signedIn = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"]
            ).object()
            let refreshToken = try #require(signedIn["refresh_token"] as? String)
            let user = try await AdminTestSupport.userID(client, token: token)
            #expect(try await client.send(.post, "/api/v1/admin/users/\(user)/sessions/revoke", token: admin).status == .ok)
            try await client.send(.post, Self.refresh, json: ["refresh_token": refreshToken]).expectProblem(.unauthorized, "unauthorized")
        }
    }
}
