import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /oauth/accounts` and `DELETE /oauth/accounts/{provider}` on the in-memory adapters.
@Suite("linked accounts over HTTP")
struct LinkedAccountsRoutesTests {
    @Test func unlinkingNeedsARecentSignInKeepsAWayInAndMailsANotice() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()["user"] as? [String: Any]
            let id = try #require(me?["id"] as? String)
            let userID = try #require(UserID(uuidString: id))
            let email = try EmailAddress("ada@example.com")
            for provider in ["github", "google"] {
                try await h.dependencies.oauthAccounts.link(OAuthAccount(
                    provider: provider, subject: "\(provider)-1", userID: userID, email: email, createdAt: h.clock.now))
            }
            let listed = try await client.send(.get, "/api/v1/auth/oauth/accounts", token: token)
            #expect(listed.status == .ok)

            h.clock.advance(by: .seconds(11 * 60))
            let stale = try await client.send(.delete, "/api/v1/auth/oauth/accounts/github", token: token)
            #expect(stale.status == .forbidden)
            #expect(try stale.object()["error"] as? String == "reauthentication_required")

            let reauth = try await client.send(.post, "/api/v1/auth/reauthenticate", json: ["password": "correct horse battery"], token: token)
            #expect(reauth.status == .ok)
            #expect(try await client.send(.delete, "/api/v1/auth/oauth/accounts/github", token: token).status == .ok)
            #expect(await h.mailbox.latest(to: email)?.kindName == "oauth_unlinked")
            #expect(try await client.send(.delete, "/api/v1/auth/oauth/accounts/github", token: token).status == .notFound)
            // The password remains a way in, so the last provider can go too.
            #expect(try await client.send(.delete, "/api/v1/auth/oauth/accounts/google", token: token).status == .ok)
            #expect(try await h.dependencies.oauthAccounts.accounts(of: userID).isEmpty)
        }
    }
}
