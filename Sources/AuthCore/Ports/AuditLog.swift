/// Records security events (sign-ins, failures, MFA, resets, revocations).
public protocol AuditLog: Sendable {
    /// Records `event`.
    func record(_ event: AuditEvent) async throws
    /// The most recent events of `userID`, newest first (for "recent activity" views and tests).
    func events(of userID: UserID, limit: Int) async throws -> [AuditEvent]
}
