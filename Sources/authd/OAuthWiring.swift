import AuthCore
import AuthHTTP
import Foundation

/// Turns the `GOOGLE_*` and `OAUTH_REDIRECT_ALLOWLIST` settings into providers and the OAuth feature.
enum OAuthWiring {
    /// The OAuth feature, when a provider is configured.
    /// - Returns: the feature and the HTTP fetcher to shut down after the server stops, or `nil`
    ///   when OAuth is off.
    /// - Throws: ``ConfigurationError`` for an unusable allow-list or provider setting.
    static func feature(
        config: ServerConfiguration, auth: AuthService, states: any EphemeralStateStore, clock: any WallClock
    ) async throws -> (feature: OAuthFeature, fetcher: AsyncHTTPFetcher)? {
        guard let clientID = config.googleClientID, let secret = config.googleClientSecret else { return nil }
        guard !config.oauthRedirectAllowlist.isEmpty else {
            throw ConfigurationError("OAUTH_REDIRECT_ALLOWLIST must list the allowed redirect_uri values when Google sign-in is on")
        }
        let fetcher = AsyncHTTPFetcher()
        do {
            let google = OAuthProviderSettings(
                name: "google", kind: "google", clientID: clientID, clientSecret: secret, issuer: config.googleIssuer)
            let registry = try OAuthProviderRegistry(settings: [google], fetcher: fetcher, clock: clock)
            let allowlist = try RedirectAllowlist(config.oauthRedirectAllowlist)
            let flow = auth.oauthSignIn(providers: registry, states: states, redirectAllowlist: allowlist)
            return (OAuthFeature(flow: flow), fetcher)
        } catch let error as AuthError {
            try? await fetcher.shutdown()
            throw ConfigurationError("OAuth: \(error.publicDetail ?? error.code.rawValue)")
        }
    }
}
