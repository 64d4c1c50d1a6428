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
    /// When the session last proved a second factor: a sign-in at `aal` 2, or a reauthentication
    /// with a second factor; `nil` if it never did. Kept apart from ``authenticatedAt`` because a
    /// password proven again must not make an old second-factor proof recent (docs/api.md,
    /// "Recent authentication").
    public var secondFactorAt: Date?
    /// How the user proved themselves at sign-in (the token's `amr`, e.g. `["pwd", "otp"]`): see
    /// ``AuthenticationMethodReference``.
    public var amr: [String]
    /// The authenticator assurance level reached at sign-in: 1 for one factor, 2 for two (or a
    /// passkey with user verification).
    public var aal: Int

    /// Creates a session.
    public init(
        id: SessionID = SessionID(), userID: UserID, client: ClientContext, createdAt: Date,
        lastUsedAt: Date? = nil, expiresAt: Date, revokedAt: Date? = nil, authenticatedAt: Date? = nil,
        secondFactorAt: Date? = nil, amr: [String] = [], aal: Int = 1
    ) {
        self.id = id
        self.userID = userID
        self.client = client
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.authenticatedAt = authenticatedAt ?? createdAt
        self.secondFactorAt = secondFactorAt
        self.amr = amr
        self.aal = aal
    }

    /// Whether the session proved its user within `window` before `now` (recent authentication).
    public func isRecentlyAuthenticated(at now: Date, within window: Duration) -> Bool {
        now.timeIntervalSince(authenticatedAt) < window.timeInterval
    }

    /// Whether the session proved a second factor within `window` before `now`.
    public func provedSecondFactorRecently(at now: Date, within window: Duration) -> Bool {
        guard let secondFactorAt else { return false }
        return now.timeIntervalSince(secondFactorAt) < window.timeInterval
    }

    /// Whether the session may authenticate a request at `now`.
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && now < expiresAt
    }
}
