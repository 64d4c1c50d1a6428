/// The configured providers, by name.
///
/// Providers are configuration, not code paths: ``kinds`` maps each provider kind to the factory
/// that builds it from ``OAuthProviderSettings``. Adding a kind is one file under
/// `OAuth/Providers` (a type conforming to ``OAuthProvider``) plus one entry in ``kinds``.
public struct OAuthProviderRegistry: Sendable {
    /// Builds a provider of one kind from its settings.
    public typealias Factory = @Sendable (OAuthProviderSettings, any HTTPFetcher, any WallClock) throws -> any OAuthProvider

    /// Every provider kind this build knows.
    public static let kinds: [String: Factory] = [
        "google": { try GoogleProvider(settings: $0, fetcher: $1, clock: $2) },
        "oidc": { try OIDCProvider(settings: $0, fetcher: $1, clock: $2) },
        "github": { try GitHubProvider(settings: $0, fetcher: $1, clock: $2) },
        "apple": { try AppleProvider(settings: $0, fetcher: $1, clock: $2) },
    ]

    private let providers: [String: any OAuthProvider]
    /// Every provider, in the order given.
    public let all: [any OAuthProvider]

    /// A registry of ready-made providers.
    /// - Throws: `AuthError(.invalidRequest)` for a duplicate name or a name that is not lower-case
    ///   letters, digits and `-` (1 to 32 characters; it becomes a URL path segment).
    public init(_ providers: [any OAuthProvider]) throws {
        var byName: [String: any OAuthProvider] = [:]
        for provider in providers {
            let name = provider.name
            let valid = (1...32).contains(name.utf8.count)
                && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
            guard valid else { throw AuthError.invalidRequest("OAuth provider name \"\(name)\" must be [a-z0-9-]{1,32}") }
            guard byName[name] == nil else { throw AuthError.invalidRequest("OAuth provider \"\(name)\" is configured twice") }
            byName[name] = provider
        }
        self.providers = byName
        self.all = providers
    }

    /// A registry built from settings through ``kinds``.
    /// - Parameters:
    ///   - settings: one entry per provider.
    ///   - fetcher: the HTTP client every provider uses.
    ///   - clock: the time source for token expiry and caches.
    /// - Throws: `AuthError(.invalidRequest)` for an unknown kind, a bad name or incomplete settings.
    public init(settings: [OAuthProviderSettings], fetcher: any HTTPFetcher, clock: any WallClock = SystemClock()) throws {
        try self.init(settings.map { s in
            guard let factory = Self.kinds[s.kind] else {
                throw AuthError.invalidRequest("OAuth provider \(s.name): unknown kind \"\(s.kind)\"")
            }
            // Apple's secret is signed from its key; every other kind needs a fixed one.
            guard !s.clientID.isEmpty, !s.clientSecret.isEmpty || s.apple != nil else {
                throw AuthError.invalidRequest("OAuth provider \(s.name): client id and secret are required")
            }
            return try factory(s, fetcher, clock)
        })
    }

    /// The provider called `name`, if configured.
    public func provider(named name: String) -> (any OAuthProvider)? { providers[name] }

    /// The configured names, sorted.
    public var names: [String] { providers.keys.sorted() }
}
