import Foundation

/// The tokens of one signed-in session, as a ``TokenStore`` keeps them.
public struct StoredTokens: Codable, Hashable, Sendable {
    /// The access token (a JWT), sent as `Authorization: Bearer`.
    public var accessToken: String
    /// The refresh token that renews it.
    /// - Important: a secret as strong as the session: keep it where the platform keeps secrets
    ///   (the Keychain on Apple platforms) and never log it.
    public var refreshToken: String
    /// When the access token expires, by this device's clock (`expires_in` after it was received).
    public var expiresAt: Date
    /// How long the access token lived when it was received (`expires_in`), in seconds.
    public var lifetime: TimeInterval

    /// Creates the value.
    public init(accessToken: String, refreshToken: String, expiresAt: Date, lifetime: TimeInterval) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.lifetime = lifetime
    }
}

/// Where ``AuthClient`` keeps its tokens between launches.
///
/// Implementations: ``InMemoryTokenStore`` (nothing survives the process), ``FileTokenStore``
/// (a JSON file readable by the owner only), and on Apple platforms `KeychainTokenStore`.
public protocol TokenStore: Sendable {
    /// The stored tokens, or `nil` when signed out.
    func load() async throws -> StoredTokens?
    /// Replaces the stored tokens.
    func save(_ tokens: StoredTokens) async throws
    /// Forgets the tokens (signed out).
    func clear() async throws
}

/// A ``TokenStore`` in memory: for tests, and for processes that sign in at every start.
public actor InMemoryTokenStore: TokenStore {
    private var tokens: StoredTokens?

    /// Creates a store, optionally holding `tokens`.
    public init(_ tokens: StoredTokens? = nil) { self.tokens = tokens }

    public func load() -> StoredTokens? { tokens }
    public func save(_ tokens: StoredTokens) { self.tokens = tokens }
    public func clear() { tokens = nil }
}

/// A ``TokenStore`` in a JSON file that only its owner may read (mode 0600), written atomically.
/// For command-line tools and services; apps on Apple platforms should prefer `KeychainTokenStore`.
public actor FileTokenStore: TokenStore {
    private let url: URL

    /// Creates a store at `url` (the file need not exist yet).
    public init(url: URL) { self.url = url }

    public func load() throws -> StoredTokens? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try JSONDecoder().decode(StoredTokens.self, from: Data(contentsOf: url))
    }

    public func save(_ tokens: StoredTokens) throws {
        let data = try JSONEncoder().encode(tokens)
        // Written beside the target with owner-only permissions, then moved over it: a reader never
        // sees half a file, and the secret is never world-readable, even for a moment.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        // rename(2) replaces the target atomically (FileManager's replaceItemAt differs by platform).
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    public func clear() throws {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }
}
