import AuthCore
import AuthTesting
import Foundation
import Testing

@Suite struct OAuthProviderRegistryTests {
    let fetcher = FakeGitHub()

    @Test func buildsEveryKindFromSettings() throws {
        let registry = try OAuthProviderRegistry(
            settings: [
                OAuthProviderSettings(name: "google", kind: "google", clientID: "a", clientSecret: "b"),
                OAuthProviderSettings(name: "corp", kind: "oidc", clientID: "a", clientSecret: "b", issuer: URL(string: "https://sso.example.com")!),
                OAuthProviderSettings(name: "github", kind: "github", clientID: "a", clientSecret: "b"),
            ], fetcher: fetcher, clock: ManualClock())
        #expect(registry.names == ["corp", "github", "google"])
        #expect(registry.provider(named: "google") is GoogleProvider)
        #expect(registry.provider(named: "corp") is OIDCProvider)
        #expect(registry.provider(named: "github") is GitHubProvider)
    }

    @Test(arguments: [
        [OAuthProviderSettings(name: "x", kind: "myspace", clientID: "a", clientSecret: "b")],
        [OAuthProviderSettings(name: "corp", kind: "oidc", clientID: "a", clientSecret: "b")],
        [OAuthProviderSettings(name: "Google", kind: "google", clientID: "a", clientSecret: "b")],
        [OAuthProviderSettings(name: "g/x", kind: "google", clientID: "a", clientSecret: "b")],
        [OAuthProviderSettings(name: "google", kind: "google", clientID: "", clientSecret: "b")],
        [
            OAuthProviderSettings(name: "google", kind: "google", clientID: "a", clientSecret: "b"),
            OAuthProviderSettings(name: "google", kind: "github", clientID: "a", clientSecret: "b"),
        ],
    ])
    func badSettingsAreRefused(_ settings: [OAuthProviderSettings]) {
        #expect(throws: AuthError.self) { try OAuthProviderRegistry(settings: settings, fetcher: fetcher, clock: ManualClock()) }
    }
}
