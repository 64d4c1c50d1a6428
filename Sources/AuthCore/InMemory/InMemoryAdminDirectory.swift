import Foundation

/// An ``AdminDirectory`` over the in-memory stores: it scans them, which is fine at the sizes an
/// in-memory deployment holds. A store that is not given reads as empty.
public struct InMemoryAdminDirectory: AdminDirectory {
    let users: InMemoryUserStore?
    let sessions: InMemorySessionStore?
    let audit: InMemoryAuditLog?

    /// Creates the directory over the stores it reads.
    public init(users: InMemoryUserStore?, sessions: InMemorySessionStore?, audit: InMemoryAuditLog?) {
        self.users = users
        self.sessions = sessions
        self.audit = audit
    }

    public func users(withEmailPrefix prefix: String, cursor: String?, limit: Int) async throws -> Page<User> {
        let after = try cursor.map(PageCursor.emailAfter)
        let matching = (await users?.all() ?? [])
            .filter { user in user.email.value.hasPrefix(prefix) && after.map { user.email.value > $0 } ?? true }
            .sorted { $0.email.value < $1.email.value }
        let page = Array(matching.prefix(max(1, limit)))
        let more = matching.count > page.count
        return Page(items: page, next: more ? page.last.map { PageCursor.email($0.email.value) } : nil)
    }

    public func auditEvents(_ query: AuditQuery, limit: Int) async throws -> Page<AuditEvent> {
        let before = try query.cursor.map(PageCursor.sequenceBefore)
        let matching = (await audit?.numbered() ?? []).reversed().filter { entry in
            let e = entry.event
            return (before.map { entry.seq < $0 } ?? true) && (query.user.map { e.userID == $0 } ?? true)
                && (query.kind.map { e.kind == $0 } ?? true) && (query.since.map { e.at >= $0 } ?? true)
        }
        let page = Array(matching.prefix(max(1, limit)))
        let more = matching.count > page.count
        return Page(items: page.map(\.event), next: more ? page.last.map { PageCursor.sequence($0.seq) } : nil)
    }

    public func counts(at now: Date, since: Date) async throws -> DirectoryCounts {
        let everyone = await users?.all() ?? []
        let live = (await sessions?.all() ?? []).filter { $0.isActive(at: now) }.count
        let recent = (await audit?.numbered() ?? []).map(\.event).filter { $0.at >= since }
        return DirectoryCounts(
            users: everyone.count, verifiedUsers: everyone.filter(\.isEmailVerified).count, liveSessions: live,
            signIns: recent.filter { $0.kind == .signInSucceeded }.count,
            signInFailures: recent.filter { $0.kind == .signInFailed }.count)
    }
}
