import Foundation

/// What an operator reads across accounts: users by address, the audit log with filters, counts.
///
/// Kept apart from the per-user ports: these queries span every account and are off the hot path
/// (the admin API and dashboard only). Every listing is keyset-paged: a page's cursor is opaque to
/// callers and adapter-specific, and a malformed cursor is `AuthError(.invalidRequest)`, never a
/// crash or a query error.
public protocol AdminDirectory: Sendable {
    /// Users whose address starts with `prefix` (compared literally: `%` and `_` are characters,
    /// not wildcards), in address order.
    /// - Parameters:
    ///   - prefix: lower case; empty lists everyone.
    ///   - cursor: the ``Page/next`` of the previous page, or `nil`.
    ///   - limit: the most users on the page (at least 1).
    func users(withEmailPrefix prefix: String, cursor: String?, limit: Int) async throws -> Page<User>
    /// The events matching `query`, newest first.
    func auditEvents(_ query: AuditQuery, limit: Int) async throws -> Page<AuditEvent>
    /// Accounts and live sessions at `now`, sign-ins and failures since `since`.
    func counts(at now: Date, since: Date) async throws -> DirectoryCounts
    /// Sign-ins, failed sign-ins and sign-ups per hour from `since`, oldest first; hours with none
    /// may be left out. A default pages through ``auditEvents(_:limit:)`` (`ActivityHour.swift`).
    func activity(since: Date) async throws -> [ActivityHour]
}
