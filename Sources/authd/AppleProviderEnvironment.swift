import AuthCore
import Foundation

/// Sign in with Apple: no fixed secret but a signing key, `OAUTH_<NAME>_TEAM_ID`, `_KEY_ID` and
/// `_PRIVATE_KEY_FILE` (the `.p8` file); discovery at its issuer, `https://appleid.apple.com` by
/// default (docs/oauth.md).
enum AppleProviderEnvironment: OAuthProviderKindEnvironment {
    static let kind = "apple"
    static let displayName = "Apple"
    static let ownSuffixes = ["TEAM_ID", "KEY_ID", "PRIVATE_KEY_FILE"]

    static func readCredentials(into settings: inout OAuthProviderSettings, from v: OAuthProviderVariables) throws {
        let p = v.prefix
        guard v.value("CLIENT_SECRET") == nil else {
            throw ConfigurationError("\(p)CLIENT_SECRET is not used for Apple: set \(p)TEAM_ID, \(p)KEY_ID and \(p)PRIVATE_KEY_FILE")
        }
        let path = try v.required("PRIVATE_KEY_FILE")
        let pem: String
        do { pem = try v.readFile(path) } catch {
            throw ConfigurationError("\(p)PRIVATE_KEY_FILE: cannot read \(path)")
        }
        settings.apple = AppleSigningKey(teamID: try v.required("TEAM_ID"), keyID: try v.required("KEY_ID"), privateKeyPEM: pem)
    }

    static func discoveryIssuer(of settings: OAuthProviderSettings) -> URL? {
        settings.issuer ?? AppleProvider.issuer
    }
}
