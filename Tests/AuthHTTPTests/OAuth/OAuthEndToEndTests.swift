import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Sign-in with Google's seed routes against a real OpenID provider (oidc-provider-mock) on a free
/// local port: discovery, PKCE, nonce, token exchange and RS256 id_token verification for real.
@Suite(.enabled(if: OIDCTestServer.isEnabled, "needs AUTH_TEST_OIDC_ISSUER (make test starts the provider)"))
struct OAuthEndToEndTests {
    @Test func newUserSignsInAndGetsAVerifiedProfileWithPicture() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, email) = try await h.newUser()
            try await h.test { client in
                let callback = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                #expect(callback.status == .ok)
                let body = try callback.object()
                #expect(Set(body.keys) == ["success", "state", "token", "refresh_token", "expires_in"])
                #expect(body["success"] as? Bool == true)
                #expect(body["state"] as? String == "caller-state-1")
                let me = try await client.send(.get, "/api/v1/auth/me", token: try #require(body["token"] as? String))
                let user = try #require(try me.object()["user"] as? [String: Any])
                #expect(user["email"] as? String == email)
                #expect(user["is_email_verified"] as? Bool == true)
                #expect(user["image_url"] as? String == "https://img.example.com/\(sub).png")
            }
        }
    }

    @Test func returningUserGetsTheSameAccount() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, _) = try await h.newUser()
            try await h.test { client in
                var ids: [String] = []
                for _ in 0..<2 {
                    let callback = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                    let token = try #require(try callback.object()["token"] as? String)
                    let me = try await client.send(.get, "/api/v1/auth/me", token: token)
                    ids.append(try #require((try me.object()["user"] as? [String: Any])?["id"] as? String))
                }
                #expect(ids.count == 2 && ids[0] == ids[1])
            }
        }
    }

    @Test func mfaGatesTheSignInUntilTheMailedCodeIsGiven() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, email) = try await h.newUser()
            try await h.test { client in
                let first = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                let token = try #require(try first.object()["token"] as? String)
                #expect(try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token).status == .ok)

                let gated = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                #expect(gated.status == .unauthorized)
                let body = try gated.object()
                #expect(Set(body.keys) == ["error", "verification_id", "expires_at", "message", "methods"])
                #expect(body["error"] as? String == "mfa_required")
                let address = try EmailAddress(email)
                let code = try #require(await h.mailbox.latest(to: address)?.code)
                let done = try await client.send(
                    .post, "/api/v1/auth/sign-in/mfa", json: ["token_id": try #require(body["verification_id"] as? String), "code": code])
                #expect(done.status == .ok)
                #expect(try done.object()["token"] is String)
            }
        }
    }

    @Test func replayedStateIsRefused() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, _) = try await h.newUser()
            try await h.test { client in
                let body = try await h.consented(client, sub: sub)
                #expect(try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: body).status == .ok)
                let replay = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: body)
                try replay.expectProblem(.unauthorized, "oauth_failed")
            }
        }
    }

    @Test func unknownStateIsRefused() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, _) = try await h.newUser()
            try await h.test { client in
                var body = try await h.consented(client, sub: sub)
                body["state"] = "caller-state-1"  // the caller's own state, as the seed's clients sent it
                let response = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: body)
                let problem = try response.expectProblem(.unauthorized, "oauth_failed")
                #expect(problem["detail"] as? String == "Sign-in with the provider failed.")
            }
        }
    }

    @Test func unverifiedEmailIsRefusedAndNoAccountIsCreated() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, email) = try await h.newUser(verified: false)
            try await h.test { client in
                let response = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                try response.expectProblem(.unauthorized, "oauth_failed")
            }
            #expect(try await h.deps.users.user(email: EmailAddress(email)) == nil)
        }
    }

    @Test func redirectURIOffTheAllowListIsRefusedBeforeAnyRedirect() async throws {
        try await OAuthHTTPHarness.with { h in
            try await h.test { client in
                for uri in ["https://evil.example/auth/callback", "https://app.example.com/auth/callback/../x", "https://app.example.com/auth/callbackx"] {
                    let response = try await client.send(.get, "/api/v1/auth/sign-in/google/web?redirect_uri=\(OAuthHTTPHarness.encoded(uri))&state=s")
                    try response.expectProblem(.unauthorized, "oauth_failed")
                    #expect(response.headers[.location] == nil)
                }
                let missing = try await client.send(.get, "/api/v1/auth/sign-in/google/web?state=s")
                try missing.expectProblem(.badRequest, "invalid_request")
            }
        }
    }

    @Test func callbackRedirectURIMustMatchTheStart() async throws {
        try await OAuthHTTPHarness.with { h in
            let (sub, _) = try await h.newUser()
            try await h.test { client in
                var body = try await h.consented(client, sub: sub)
                body["redirect_uri"] = "https://evil.example/auth/callback"
                try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: body).expectProblem(.unauthorized, "oauth_failed")
            }
        }
    }

    @Test func providerErrorInTheCallbackIsRefusedAndSpendsTheState() async throws {
        try await OAuthHTTPHarness.with { h in
            try await h.test { client in
                let authorize = try await h.start(client)
                let state = try #require(URLComponents(url: authorize, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "state" }?.value)
                let back = try await OIDCTestServer.consent(authorize, sub: "", deny: true, using: h.fetcher)
                #expect(back["error"] == "access_denied")
                let response = try await client.send(
                    .post, "/api/v1/auth/sign-in/google/web/callback",
                    json: ["error": back["error"] ?? "", "state": state, "redirect_uri": OAuthHTTPHarness.redirect])
                try response.expectProblem(.unauthorized, "oauth_failed")
                // The state is spent: a code obtained for it later cannot be redeemed.
                let (sub, _) = try await h.newUser()
                let code = try #require(try await OIDCTestServer.consent(authorize, sub: sub, using: h.fetcher)["code"])
                let late = try await client.send(
                    .post, "/api/v1/auth/sign-in/google/web/callback", json: ["code": code, "state": state, "redirect_uri": OAuthHTTPHarness.redirect])
                try late.expectProblem(.unauthorized, "oauth_failed")
            }
        }
    }

    @Test func unknownProviderIsNotFound() async throws {
        try await OAuthHTTPHarness.with { h in
            try await h.test { client in
                let response = try await client.send(.get, "/api/v1/auth/sign-in/myspace/web?redirect_uri=\(OAuthHTTPHarness.encoded(OAuthHTTPHarness.redirect))")
                try response.expectProblem(.notFound, "not_found")
            }
        }
    }
}
