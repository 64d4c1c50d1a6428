import AuthCore
import AuthHTTP
import Foundation

/// Turns the OAuth provider settings (`GOOGLE_*`, `OAUTH_PROVIDERS`) and `OAUTH_REDIRECT_ALLOWLIST`
/// into the registry and the OAuth feature.
enum OAuthWiring {
    /// The OAuth feature, when a provider is configured.
    /// - Returns: the feature and the HTTP fetcher to shut down after the server stops, or `nil`
    ///   when OAuth is off.
    /// - Throws: ``ConfigurationError`` for an unusable allow-list or provider setting.
    static func feature(
        config: ServerConfiguration, auth: AuthService, states: any EphemeralStateStore, clock: any WallClock
    ) async throws -> (feature: OAuthFeature, flow: OAuthSignInFlow, fetcher: AsyncHTTPFetcher)? {
        guard !config.oauthProviders.isEmpty else { return nil }
        guard !config.oauthRedirectAllowlist.isEmpty else {
            throw ConfigurationError("OAUTH_REDIRECT_ALLOWLIST must list the allowed redirect_uri values when an OAuth provider is configured")
        }
        let fetcher = AsyncHTTPFetcher()
        do {
            let registry = try OAuthProviderRegistry(settings: config.oauthProviders, fetcher: fetcher, clock: clock)
            let allowlist = try RedirectAllowlist(config.oauthRedirectAllowlist)
            let flow = auth.oauthSignIn(providers: registry, states: states, redirectAllowlist: allowlist)
            return (OAuthFeature(flow: flow), flow, fetcher)
        } catch let error as AuthError {
            try? await fetcher.shutdown()
            throw ConfigurationError("OAuth: \(error.publicDetail ?? error.code.rawValue)")
        }
    }

    /// The issuer whose discovery document `authd check` fetches for `provider`, if its kind uses one.
    /// Each kind answers in its own file (``OAuthProviderKindEnvironment/discoveryIssuer(of:)``).
    static func discoveryIssuer(of provider: OAuthProviderSettings) -> URL? {
        OAuthProviderEnvironment.environment(ofKind: provider.kind)?.discoveryIssuer(of: provider)
    }

    /// Fetches the provider's discovery document once (`authd check`).
    /// - Returns: what was found, for the report line.
    static func checkDiscovery(issuer: URL) async throws -> String {
        let base = issuer.absoluteString.hasSuffix("/") ? String(issuer.absoluteString.dropLast()) : issuer.absoluteString
        guard let url = URL(string: base + "/.well-known/openid-configuration") else {
            throw ConfigurationError("the issuer \(issuer.absoluteString) is not a URL")
        }
        let fetcher = AsyncHTTPFetcher()
        let fetched: Result<FetchResponse, any Error>
        do {
            fetched = .success(try await fetcher.fetch(FetchRequest(url: url, headers: ["Accept": "application/json"])))
        } catch {
            fetched = .failure(error)
        }
        try? await fetcher.shutdown()
        let response = try fetched.get()
        guard response.status == 200,
              let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
              object["issuer"] as? String == issuer.absoluteString
        else { throw ConfigurationError("the discovery document of \(issuer.absoluteString) is missing or names another issuer") }
        return "discovery document of \(issuer.absoluteString)"
    }
}
