/// Records security events (sign-ins, failures, MFA, resets, revocations).
///
/// Erasing a user (``UserDataEraser``) removes the user's events and the events that name the
/// address without naming any account (failed sign-ins); what an admin did to the account stays
/// without the account, and what the user did to other accounts as an admin stays without the
/// actor. Events of other accounts that once held the address are theirs and stay.
public protocol AuditLog: UserDataEraser {
    /// Records `event`.
    func record(_ event: AuditEvent) async throws
    /// The most recent events of `userID`, newest first (for "recent activity" views and tests).
    func events(of userID: UserID, limit: Int) async throws -> [AuditEvent]
}
