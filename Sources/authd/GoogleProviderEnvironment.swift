import AuthCore
import Foundation

/// Google: `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET`, `GOOGLE_ISSUER` (the seed's names, read by
/// ``ServerConfiguration``), or `OAUTH_PROVIDERS=google` with `OAUTH_GOOGLE_…`; discovery at its
/// issuer, `https://accounts.google.com` by default (docs/oauth.md).
enum GoogleProviderEnvironment: OAuthProviderKindEnvironment {
    static let kind = "google"
    static let displayName = "Google"

    /// The provider configured by the `GOOGLE_*` variables, registered as `google`.
    static func seedProvider(clientID: String, secret: String, issuer: URL) -> OAuthProviderSettings {
        OAuthProviderSettings(name: "google", kind: kind, clientID: clientID, clientSecret: secret, issuer: issuer)
    }

    static func discoveryIssuer(of settings: OAuthProviderSettings) -> URL? {
        settings.issuer ?? GoogleProvider.issuer
    }
}
