import AuthCore
import Foundation

/// GitHub: `OAUTH_<NAME>_CLIENT_ID` and `_CLIENT_SECRET`; `_ISSUER` is a GitHub Enterprise
/// Server's base URL (github.com by default). Plain OAuth 2.0: no discovery document to check
/// (docs/oauth.md).
enum GitHubProviderEnvironment: OAuthProviderKindEnvironment {
    static let kind = "github"
    static let displayName = "GitHub"

    static func discoveryIssuer(of settings: OAuthProviderSettings) -> URL? { nil }
}
