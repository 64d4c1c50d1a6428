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
    /// When the session last proved its user: its sign-in, or the latest reauthentication.
    public var authenticatedAt: Date

    /// Creates a session.
    public init(
        id: SessionID = SessionID(), userID: UserID, client: ClientContext, createdAt: Date,
        lastUsedAt: Date? = nil, expiresAt: Date, revokedAt: Date? = nil, authenticatedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.client = client
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.authenticatedAt = authenticatedAt ?? createdAt
    }

    /// Whether the session proved its user within `window` before `now` (recent authentication).
    public func isRecentlyAuthenticated(at now: Date, within window: Duration) -> Bool {
        now.timeIntervalSince(authenticatedAt) < window.timeInterval
    }

    /// Whether the session may authenticate a request at `now`.
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && now < expiresAt
    }
}
