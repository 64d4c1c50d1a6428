import Foundation

/// The parts of an OpenID Provider's discovery document (OpenID Connect Discovery 1.0) we use.
public struct OIDCProviderMetadata: Codable, Hashable, Sendable {
    public var issuer: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var jwksURI: String
    public var userinfoEndpoint: String?
    public var tokenEndpointAuthMethodsSupported: [String]?

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case jwksURI = "jwks_uri"
        case userinfoEndpoint = "userinfo_endpoint"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
    }
}

/// Fetches and caches a provider's discovery document from `{issuer}/.well-known/openid-configuration`.
///
/// The document must name exactly the configured issuer (Discovery section 4.3), or a look-alike
/// document could redirect token exchange and key fetching elsewhere; every endpoint must be
/// `https` (plain `http` only on loopback, for local test providers).
actor OIDCDiscovery {
    let issuer: URL
    let fetcher: any HTTPFetcher
    let clock: any WallClock
    /// How long a fetched document is used before it is fetched again (default 1 hour).
    let maximumAge: TimeInterval
    private var cached: (metadata: OIDCProviderMetadata, fetchedAt: Date)?

    init(issuer: URL, fetcher: any HTTPFetcher, clock: any WallClock, maximumAge: TimeInterval = 3600) {
        self.issuer = issuer
        self.fetcher = fetcher
        self.clock = clock
        self.maximumAge = maximumAge
    }

    /// The provider's metadata, fetched when missing or stale.
    /// - Throws: `AuthError(.oauthFailed)` when the document cannot be fetched or is unusable.
    func metadata() async throws -> OIDCProviderMetadata {
        let now = clock.now
        if let cached, now.timeIntervalSince(cached.fetchedAt) < maximumAge { return cached.metadata }
        let text = issuer.absoluteString
        let base = text.hasSuffix("/") ? String(text.dropLast()) : text
        let url = try OAuthHTTP.endpoint(base + "/.well-known/openid-configuration")
        let response = try await OAuthHTTP.fetch(FetchRequest(url: url, headers: ["Accept": "application/json"]), with: fetcher)
        guard response.status == 200 else { throw AuthError.oauth(.discovery) }
        let metadata = try OAuthHTTP.decode(OIDCProviderMetadata.self, from: response, failure: .discovery)
        guard metadata.issuer == text else { throw AuthError.oauth(.discovery) }
        for endpoint in [metadata.authorizationEndpoint, metadata.tokenEndpoint, metadata.jwksURI] {
            _ = try OAuthHTTP.endpoint(endpoint)
        }
        if let userinfo = metadata.userinfoEndpoint { _ = try OAuthHTTP.endpoint(userinfo) }
        cached = (metadata, now)
        return metadata
    }
}
