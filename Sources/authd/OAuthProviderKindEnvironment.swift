import AuthCore
import Foundation

/// What authd knows of one OAuth provider kind: the variables only it reads, how it reads its
/// credentials, and which discovery document `authd check` fetches for it. One file per kind
/// (`GoogleProviderEnvironment`, …), listed in ``OAuthProviderEnvironment/kinds``; the shared
/// variables (`KIND`, `CLIENT_ID`, `ISSUER`, `SCOPES`) are read by ``OAuthProviderEnvironment``.
protocol OAuthProviderKindEnvironment: Sendable {
    /// The kind, a key of `OAuthProviderRegistry.kinds`.
    static var kind: String { get }
    /// The kind's name in messages ("Apple").
    static var displayName: String { get }
    /// Variables (after `OAUTH_<NAME>_`) that only this kind reads; every other kind refuses them.
    static var ownSuffixes: [String] { get }
    /// Checks the issuer (`nil` when `OAUTH_<NAME>_ISSUER` is unset). Default: optional.
    static func checkIssuer(_ issuer: URL?, _ variables: OAuthProviderVariables) throws
    /// Reads the client's credentials into `settings`. Default: `OAUTH_<NAME>_CLIENT_SECRET`, required.
    static func readCredentials(into settings: inout OAuthProviderSettings, from variables: OAuthProviderVariables) throws
    /// The issuer whose discovery document `authd check` fetches, or `nil` when the kind uses none.
    static func discoveryIssuer(of settings: OAuthProviderSettings) -> URL?
}

extension OAuthProviderKindEnvironment {
    static var ownSuffixes: [String] { [] }

    static func checkIssuer(_ issuer: URL?, _ variables: OAuthProviderVariables) throws {}

    static func readCredentials(into settings: inout OAuthProviderSettings, from variables: OAuthProviderVariables) throws {
        settings.clientSecret = try variables.required("CLIENT_SECRET")
    }
}
