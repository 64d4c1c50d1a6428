/// Deletes an account and everything tied to it: the user, credentials, sessions, codes, linked
/// OAuth accounts, second factors, pending mail and the user's audit events, leaving only an
/// anonymised record (docs/api.md).
///
/// A store that can do it in one transaction (PostgreSQL) must: a deletion either happened
/// completely or not at all.
public protocol AccountEraser: Sendable {
    /// Erases `user` and records `record` (which names no one) in the audit log in its place.
    func erase(_ user: User, leaving record: AuditEvent) async throws
}
