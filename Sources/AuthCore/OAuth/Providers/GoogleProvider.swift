import Foundation

/// Sign-in with Google: OpenID Connect against `https://accounts.google.com`.
///
/// Google's id_tokens carry `email`, `email_verified` and `picture` with the default scopes, and
/// name their issuer either `https://accounts.google.com` or `accounts.google.com`; both are
/// accepted for Google's own issuer (and only the configured one for any other issuer, such as a
/// local stand-in).
public struct GoogleProvider: OAuthProvider {
    /// Google's issuer.
    public static let issuer = URL(string: "https://accounts.google.com")!

    let oidc: OIDCProvider
    public var name: String { oidc.name }
    /// "Google".
    public var displayName: String { "Google" }

    /// Creates the provider.
    /// - Parameters:
    ///   - name: the registry name (default `google`, the seed's paths).
    ///   - issuer: the issuer used for discovery (`GOOGLE_ISSUER`, default Google's).
    ///   - clientID, clientSecret: the OAuth client (`GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET`).
    ///   - fetcher: the HTTP client.
    ///   - clock: the time source.
    public init(
        name: String = "google", issuer: URL = GoogleProvider.issuer, clientID: String, clientSecret: String,
        scopes: [String] = ["openid", "email", "profile"], fetcher: any HTTPFetcher, clock: any WallClock = SystemClock()
    ) {
        let accepted: Set<String> = issuer == Self.issuer ? [issuer.absoluteString, "accounts.google.com"] : [issuer.absoluteString]
        oidc = OIDCProvider(
            name: name, issuer: issuer, clientID: clientID, clientSecret: clientSecret, scopes: scopes,
            acceptedIssuers: accepted, fetcher: fetcher, clock: clock)
    }

    /// Creates the provider from settings (the registry's factory for kind `google`).
    public init(settings s: OAuthProviderSettings, fetcher: any HTTPFetcher, clock: any WallClock) throws {
        self.init(
            name: s.name, issuer: s.issuer ?? Self.issuer, clientID: s.clientID, clientSecret: s.clientSecret,
            scopes: s.scopes ?? ["openid", "email", "profile"], fetcher: fetcher, clock: clock)
    }

    public func authorizationURL(for request: OAuthAuthorizationRequest) async throws -> URL {
        try await oidc.authorizationURL(for: request)
    }

    public func identity(for grant: OAuthCodeGrant) async throws -> OAuthIdentity {
        try await oidc.identity(for: grant)
    }
}
