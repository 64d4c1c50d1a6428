import AuthCore
import Foundation

/// Any OpenID Connect provider: `OAUTH_<NAME>_ISSUER` (required: the base of its discovery
/// document), `_CLIENT_ID`, `_CLIENT_SECRET` (docs/oauth.md). The kind of every listed name that is
/// not a known kind.
enum OIDCProviderEnvironment: OAuthProviderKindEnvironment {
    static let kind = "oidc"
    static let displayName = "OpenID Connect"

    static func checkIssuer(_ issuer: URL?, _ variables: OAuthProviderVariables) throws {
        guard issuer == nil else { return }
        throw ConfigurationError(
            "\(variables.prefix)ISSUER is required for the OpenID Connect provider \(variables.name) (its discovery URL base)")
    }

    static func discoveryIssuer(of settings: OAuthProviderSettings) -> URL? { settings.issuer }
}
