import Foundation

/// Sign in with Apple: OpenID Connect against `https://appleid.apple.com`, with Apple's quirks.
///
/// - The client secret is an ES256 JWT signed with the team's key (``AppleClientSecret``), remade
///   before it expires.
/// - Asking for `name` and `email` requires `response_mode=form_post`: Apple sends the browser
///   back with a form POST (`code`, `state`, `id_token`, and on the first authorisation only a
///   `user` JSON with the person's name), which the callback route accepts.
/// - `email_verified` may be the string `"true"` (decoded either way); private-relay addresses
///   (`…@privaterelay.appleid.com`) are verified addresses like any other.
/// - The identity always comes from the id_token of the token exchange, never from the `id_token`
///   or `user` fields of the form, which came through the browser.
public struct AppleProvider: OAuthProvider {
    /// Apple's issuer.
    public static let issuer = URL(string: "https://appleid.apple.com")!

    let oidc: OIDCProvider
    public var name: String { oidc.name }
    /// "Apple".
    public var displayName: String { "Apple" }

    /// Creates the provider.
    /// - Parameters:
    ///   - name: the registry name (default `apple`).
    ///   - issuer: the issuer used for discovery and as the client secret's `aud` (default Apple's;
    ///     another only for a local stand-in).
    ///   - clientID: the Services ID (web) or bundle id (apps).
    ///   - key: the team's signing key.
    ///   - fetcher: the HTTP client.
    ///   - clock: the time source.
    /// - Throws: `AuthError(.invalidRequest)` for an unusable key.
    public init(
        name: String = "apple", issuer: URL = AppleProvider.issuer, clientID: String, key: AppleSigningKey,
        scopes: [String] = ["name", "email"], fetcher: any HTTPFetcher, clock: any WallClock = SystemClock()
    ) throws {
        let secret = try AppleClientSecret(key: key, clientID: clientID, audience: issuer.absoluteString, clock: clock)
        oidc = OIDCProvider(
            name: name, issuer: issuer, clientID: clientID, clientSecret: { try await secret.current() }, scopes: scopes,
            acceptedIssuers: nil, authorizationParameters: [URLQueryItem(name: "response_mode", value: "form_post")],
            fetcher: fetcher, clock: clock)
    }

    /// Creates the provider from settings (the registry's factory for kind `apple`).
    /// - Throws: `AuthError(.invalidRequest)` without ``OAuthProviderSettings/apple`` or with an unusable key.
    public init(settings s: OAuthProviderSettings, fetcher: any HTTPFetcher, clock: any WallClock) throws {
        guard let key = s.apple else {
            throw AuthError.invalidRequest("OAuth provider \(s.name): team id, key id and private key are required")
        }
        try self.init(
            name: s.name, issuer: s.issuer ?? Self.issuer, clientID: s.clientID, key: key, scopes: s.scopes ?? ["name", "email"],
            fetcher: fetcher, clock: clock)
    }

    public func authorizationURL(for request: OAuthAuthorizationRequest) async throws -> URL {
        try await oidc.authorizationURL(for: request)
    }

    public func identity(for grant: OAuthCodeGrant) async throws -> OAuthIdentity {
        try await oidc.identity(for: grant)
    }
}
