import AuthCore
import AuthHTTP
import AuthTesting
import AuthWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The sign-in page offers one button per configured OAuth provider, from the provider list.
@Suite("provider buttons on the sign-in page")
struct WebProviderButtonsTests {
    /// Never called: rendering the page and starting a GitHub sign-in need no outgoing request.
    struct NoFetcher: HTTPFetcher {
        func fetch(_ request: FetchRequest) async throws -> FetchResponse { throw AuthError(.unavailable, "no network in this test") }
    }

    /// A throwaway P-256 key, made for this test only (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`).
    static let applePEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQguWZyGFvu1oMwkxkL
        BWn0ZsHkT+i68bRHB1rlhFITYGehRANCAAQCAl0WIS0HjDHeEUsfMOt/zt/gZAyI
        Q/4ZL6B3W27JNWy8rxiJtxiHdaCqnLJUgmJdBYG+VRgZVGadNhyt13cz
        -----END PRIVATE KEY-----
        """

    /// The pages with GitHub and Apple configured (no Google), or with no OAuth at all.
    static func app(withProviders: Bool) async throws -> AuthApplication {
        let clock = ManualClock()
        let deps = AuthDependencies.inMemory(
            mailer: InMemoryMailbox(), hasher: Argon2idPasswordHasher(configuration: HTTPHarness.cheapArgon), clock: clock)
        let auth = try await AuthService(dependencies: deps, jwtSecret: HTTPHarness.secret, codeKey: Array(repeating: 9, count: 32))
        var flow: OAuthSignInFlow?
        if withProviders {
            let providers = try OAuthProviderRegistry(
                settings: [
                    OAuthProviderSettings(name: "github", kind: "github", clientID: "gh-client", clientSecret: "gh-secret"),
                    OAuthProviderSettings(
                        name: "apple", kind: "apple", clientID: "com.example.web", clientSecret: "",
                        apple: AppleSigningKey(teamID: "TEAM123456", keyID: "KEY1234567", privateKeyPEM: applePEM)),
                ],
                fetcher: NoFetcher(), clock: clock)
            flow = auth.oauthSignIn(
                providers: providers, states: InMemoryEphemeralStateStore(clock: clock),
                redirectAllowlist: try RedirectAllowlist([WebPagesTests.origin + "/ui/oauth/*"]))
        }
        return AuthApplication(
            auth: auth, rateLimiter: deps.rateLimiter, features: [WebFeature(auth: auth, settings: WebPagesTests.web, oauth: flow)])
    }

    @Test func gitHubAndAppleEachGetAButtonInConfigurationOrder() async throws {
        try await Self.app(withProviders: true).makeApplication(host: "127.0.0.1", port: 0).test(.router) { client in
            let page = String(buffer: try await client.send(.get, "/ui/sign-in").body)
            let github = try #require(page.range(of: #"<a class="button secondary" href="/ui/sign-in/github?next=/ui/account" id="github-sign-in">Sign in with GitHub</a>"#))
            let apple = try #require(page.range(of: #"<a class="button secondary" href="/ui/sign-in/apple?next=/ui/account" id="apple-sign-in">Sign in with Apple</a>"#))
            #expect(github.lowerBound < apple.lowerBound)
            #expect(!page.contains("google"))
            // The button leads to the provider.
            let start = try await client.send(.get, "/ui/sign-in/github")
            #expect(start.status == .found)
            #expect(start.headers[.location]?.hasPrefix("https://github.com/login/oauth/authorize?") == true)
        }
    }

    @Test func applesFormPostIsHandedToASameSitePageWithoutSettingACookie() async throws {
        try await Self.app(withProviders: true).makeApplication(host: "127.0.0.1", port: 0).test(.router) { client in
            // Apple's form POST: cross-site, so no cookie comes with it.
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.origin] = "https://appleid.apple.com"
            let back = try await client.executeRequest(
                uri: "/ui/oauth/apple/callback", method: .post, headers: headers,
                body: ByteBuffer(string: "code=c0de&state=st%22ate&user=%7B%7D"))
            #expect(back.status == .ok)
            #expect(back.headers[values: .setCookie].isEmpty)
            let page = String(buffer: back.body)
            #expect(page.contains(#"<form method="post" action="/ui/oauth/apple/callback/continue" class="stack">"#))
            #expect(page.contains(#"<input type="hidden" name="code" value="c0de">"#))
            #expect(page.contains(#"<input type="hidden" name="state" value="st&quot;ate">"#))
            #expect(!page.contains(#"name="user""#))
            // The hand-over itself only from our own pages.
            headers[.origin] = "https://evil.example"
            let forged = try await client.executeRequest(
                uri: "/ui/oauth/apple/callback/continue", method: .post, headers: headers, body: ByteBuffer(string: "code=c0de&state=s"))
            #expect(forged.status == .forbidden)
        }
    }

    @Test func withoutOAuthThereIsNoProviderSection() async throws {
        try await Self.app(withProviders: false).makeApplication(host: "127.0.0.1", port: 0).test(.router) { client in
            let page = String(buffer: try await client.send(.get, "/ui/sign-in").body)
            #expect(page.contains(#"id="password-sign-in""#))
            #expect(!page.contains("provider-sign-in"))
        }
    }
}
