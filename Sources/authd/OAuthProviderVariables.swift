import Foundation

/// The `OAUTH_<NAME>_…` variables of one listed provider, as its kind reads them. Values are
/// never echoed in errors: some are secrets.
struct OAuthProviderVariables {
    /// The provider's registry name (`okta`, `my-idp`).
    let name: String
    /// The variable prefix: `OAUTH_OKTA_`, `OAUTH_MY_IDP_` for `my-idp`.
    let prefix: String
    let environment: [String: String]
    /// Reads a file a setting names (Apple's private key).
    let readFile: (String) throws -> String

    /// The value of `OAUTH_<NAME>_<suffix>`, or `nil` when unset or empty.
    func value(_ suffix: String) -> String? {
        environment[prefix + suffix].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of `OAUTH_<NAME>_<suffix>`.
    /// - Throws: ``ConfigurationError`` naming the variable when it is unset or empty.
    func required(_ suffix: String) throws -> String {
        guard let v = value(suffix) else { throw ConfigurationError("\(prefix)\(suffix) is required for the OAuth provider \(name)") }
        return v
    }
}
