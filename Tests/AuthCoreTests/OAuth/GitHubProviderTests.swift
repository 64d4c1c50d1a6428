import AuthCore
import AuthTesting
import Foundation
import Testing

/// GitHub: OAuth 2.0 without OpenID Connect; the identity comes from its API.
@Suite struct GitHubProviderTests {
    struct Bed {
        let harness: TestHarness
        let github = FakeGitHub()
        let flow: OAuthSignInFlow

        init() async throws {
            harness = try await TestHarness()
            let registry = try OAuthProviderRegistry(
                settings: [OAuthProviderSettings(name: "github", kind: "github", clientID: "gh-client", clientSecret: "gh-secret")],
                fetcher: github, clock: harness.clock)
            flow = harness.auth.oauthSignIn(
                providers: registry, states: InMemoryEphemeralStateStore(clock: harness.clock),
                redirectAllowlist: try RedirectAllowlist([OAuthTestbed.redirect]))
        }

        func signIn() async throws -> SignInResult {
            let url = try await flow.start(provider: "github", redirectURI: OAuthTestbed.redirect, callerState: "cs")
            let state = try #require(FakeIdentityProvider.query(url)["state"])
            return try await flow.complete(
                provider: "github", code: github.authorize(url), state: state, redirectURI: OAuthTestbed.redirect,
                client: harness.client
            ).result
        }
    }

    @Test func signsInWithTheVerifiedPrimaryEmail() async throws {
        let bed = try await Bed()
        bed.github.edit {
            $0.emails = [
                .init(email: "old@example.com", primary: false, verified: true), .init(email: "octo@example.com", primary: true, verified: true),
            ]
        }
        let signedIn = try #require(try await bed.signIn().signedIn)
        #expect(signedIn.user.email.value == "octo@example.com")
        #expect(signedIn.user.imageURL == "https://avatars.example.test/u/1")
        let links = try await bed.harness.deps.oauthAccounts.accounts(of: signedIn.user.id)
        #expect(links.map(\.subject) == ["583231"])
        #expect(links.map(\.provider) == ["github"])
        // The API was called with the token, as GitHub requires (User-Agent, JSON accept).
        let api = bed.github.requests.filter { $0.url.host == "api.github.com" }
        #expect(api.count == 2 && api.allSatisfy { $0.headers["User-Agent"] != nil })
        // Returning: same user.
        #expect(try #require(try await bed.signIn().signedIn).user.id == signedIn.user.id)
    }

    @Test func authorizationURLIsGitHubsWithStateAndPKCE() async throws {
        let bed = try await Bed()
        let url = try await bed.flow.start(provider: "github", redirectURI: OAuthTestbed.redirect, callerState: "cs")
        let query = FakeIdentityProvider.query(url)
        #expect(url.absoluteString.hasPrefix("https://github.com/login/oauth/authorize?"))
        #expect(query["client_id"] == "gh-client")
        #expect(query["state"]?.count == 43)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["scope"] == "read:user user:email")
    }

    @Test func unverifiedPrimaryEmailIsRefused() async throws {
        let bed = try await Bed()
        bed.github.edit {
            $0.emails = [
                .init(email: "octo@example.com", primary: true, verified: false), .init(email: "other@example.com", primary: false, verified: true),
            ]
        }
        let error = await #expect(throws: AuthError.self) { _ = try await bed.signIn() }
        #expect(error?.oauthFailure == .emailNotVerified)
        #expect(try await bed.harness.deps.users.user(email: EmailAddress("other@example.com")) == nil)
    }

    @Test func noPrimaryEmailIsRefused() async throws {
        let bed = try await Bed()
        bed.github.edit { $0.emails = [] }
        let error = await #expect(throws: AuthError.self) { _ = try await bed.signIn() }
        #expect(error?.oauthFailure == .emailMissing)
    }

    @Test func refusedCodeIsRefusedEvenThoughGitHubAnswers200() async throws {
        let bed = try await Bed()
        let url = try await bed.flow.start(provider: "github", redirectURI: OAuthTestbed.redirect, callerState: "cs")
        let state = try #require(FakeIdentityProvider.query(url)["state"])
        let error = await #expect(throws: AuthError.self) {
            _ = try await bed.flow.complete(
                provider: "github", code: "forged", state: state, redirectURI: OAuthTestbed.redirect, client: bed.harness.client)
        }
        #expect(error?.code == .oauthFailed && error?.oauthFailure == .tokenExchange)
    }
}
