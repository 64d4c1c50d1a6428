import Foundation

/// A signed-in device. A token names one session; revoking the session kills the token at once.
public struct Session: Hashable, Sendable, Codable {
    public var id: SessionID
    public var userID: UserID
    /// The device that created the session.
    public var client: ClientContext
    public var createdAt: Date
    /// Written at most once a minute (see ``AuthConfiguration/lastUsedResolution``).
    public var lastUsedAt: Date
    public var expiresAt: Date
    /// When the session was ended (logout, logout-all, password reset); `nil` while live.
    public var revokedAt: Date?

    /// Creates a session.
    public init(
        id: SessionID = SessionID(), userID: UserID, client: ClientContext, createdAt: Date,
        lastUsedAt: Date? = nil, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.client = client
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the session may authenticate a request at `now`.
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && now < expiresAt
    }
}
