import Foundation

/// How authd acts as an OpenID Provider (docs/oidc.md).
public struct OpenIDConfiguration: Hashable, Sendable {
    /// The issuer (`iss`), `PUBLIC_URL` in authd: the URL discovery lives under, without a
    /// trailing slash.
    public var issuer = "http://localhost:8080"
    /// How long an authorization code lives (single use).
    public var codeTTL: Duration = .seconds(60)
    /// How long an authorization request waits for its sign-in or consent.
    public var requestTTL: Duration = .seconds(15 * 60)
    /// The longest a client's access token and ID token live (never past the authd session).
    public var tokenLifetime: Duration = .seconds(3600)

    /// Creates the default configuration.
    public init() {}
}
