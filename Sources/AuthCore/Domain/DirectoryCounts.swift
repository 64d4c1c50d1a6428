/// The numbers an operator looks at first (`GET /api/v1/admin/stats`, the dashboard overview).
public struct DirectoryCounts: Hashable, Sendable {
    /// Every account.
    public var users: Int
    /// Accounts whose address is verified.
    public var verifiedUsers: Int
    /// Sessions neither revoked nor expired.
    public var liveSessions: Int
    /// Successful sign-ins in the window asked for (the last 24 hours on the dashboard).
    public var signIns: Int
    /// Failed sign-ins in the same window.
    public var signInFailures: Int

    /// Creates the counts.
    public init(users: Int, verifiedUsers: Int, liveSessions: Int, signIns: Int, signInFailures: Int) {
        self.users = users
        self.verifiedUsers = verifiedUsers
        self.liveSessions = liveSessions
        self.signIns = signIns
        self.signInFailures = signInFailures
    }
}
