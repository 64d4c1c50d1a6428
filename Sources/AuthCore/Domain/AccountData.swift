/// Everything stored about a user that the user may see (`GET /me/export`): no secret, hash or
/// code, and nothing about anyone else.
public struct AccountData: Sendable {
    public var user: User
    /// Live sessions, most recently used first.
    public var sessions: [Session]
    /// Second factors, without secrets (what `GET /mfa` shows).
    public var secondFactors: SecondFactorStatus
    public var linkedAccounts: [OAuthAccount]
    /// The user's audit events, newest first (at most ``AccountExport/maxEvents``).
    public var events: [AuditEvent]
    /// Whether the account has a password (never the hash).
    public var hasPassword: Bool
}
