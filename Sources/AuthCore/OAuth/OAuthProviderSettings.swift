import Foundation

/// One configured provider: which kind it is, under which name, with which client.
///
/// ```swift
/// let google = OAuthProviderSettings(name: "google", kind: "google", clientID: id, clientSecret: secret)
/// let corp = OAuthProviderSettings(
///     name: "corp", kind: "oidc", clientID: id, clientSecret: secret, issuer: URL(string: "https://sso.example.com")!)
/// ```
public struct OAuthProviderSettings: Hashable, Sendable {
    /// The registry name: the `{provider}` path segment and the key of linked accounts. Lower-case
    /// letters, digits and `-`; changing it later orphans the accounts linked under the old name.
    public var name: String
    /// The provider kind, a key of ``OAuthProviderRegistry/kinds`` (`google`, `oidc`, `github`, `apple`).
    public var kind: String
    /// The OAuth client id.
    public var clientID: String
    /// The OAuth client secret (empty for `apple`, whose secret is signed with ``apple``).
    /// - Important: a secret; never log it.
    public var clientSecret: String
    /// The OpenID issuer (`oidc`: required; `google`: default `https://accounts.google.com`), or the
    /// base URL of a GitHub Enterprise Server (`github`: default github.com), or Apple's issuer
    /// (`apple`: default `https://appleid.apple.com`). `http` only on a loopback host.
    public var issuer: URL?
    /// Scopes to request instead of the kind's defaults.
    public var scopes: [String]?
    /// The key that signs the client secret (`apple` only).
    public var apple: AppleSigningKey?

    /// Creates settings.
    public init(
        name: String, kind: String, clientID: String, clientSecret: String, issuer: URL? = nil, scopes: [String]? = nil,
        apple: AppleSigningKey? = nil
    ) {
        self.apple = apple
        self.name = name
        self.kind = kind
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.issuer = issuer
        self.scopes = scopes
    }
}
