import AuthCore
import Foundation

/// An ``AdminDirectory`` over `users`, `sessions` and `audit_events`. Every listing is keyset-paged
/// on an indexed column (the address; the audit log's `seq`), so a page costs the same wherever it is.
public struct PostgresAdminDirectory: AdminDirectory {
    private let pool: PostgresConnectionPool

    /// Creates the directory over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func users(withEmailPrefix prefix: String, cursor: String?, limit: Int) async throws -> Page<User> {
        let after = try cursor.map(PageCursor.emailAfter) ?? ""
        let limit = max(1, limit)
        // The prefix is a bind parameter with LIKE's own characters escaped: `%` and `_` match
        // themselves, so a search cannot turn into a scan of every address by pattern.
        let rows = try await pool.query("""
            SELECT \(unsafeSQL: PostgresUserStore.columns) FROM users \
            WHERE email LIKE \(.text(Self.likePrefix(prefix))) ESCAPE '\\' AND email COLLATE "C" > \(.text(after)) \
            ORDER BY email COLLATE "C" LIMIT \(.int(limit + 1))
            """).rows.map(PostgresUserStore.decode)
        let page = Array(rows.prefix(limit))
        return Page(items: page, next: rows.count > limit ? page.last.map { PageCursor.email($0.email.value) } : nil)
    }

    public func auditEvents(_ query: AuditQuery, limit: Int) async throws -> Page<AuditEvent> {
        let before = try query.cursor.map(PageCursor.sequenceBefore) ?? Int.max
        let limit = max(1, limit)
        let rows = try await pool.query("""
            SELECT seq, \(unsafeSQL: PostgresAuditLog.columns) FROM audit_events \
            WHERE seq < \(.int(before)) \
            AND (\(.uuid(query.user?.rawValue))::uuid IS NULL OR user_id = \(.uuid(query.user?.rawValue))) \
            AND (\(.text(query.kind?.rawValue))::text IS NULL OR kind = \(.text(query.kind?.rawValue))) \
            AND (\(.timestamp(query.since))::timestamptz IS NULL OR at >= \(.timestamp(query.since))) \
            ORDER BY seq DESC LIMIT \(.int(limit + 1))
            """).rows
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? try page.last.map { PageCursor.sequence(try $0.int("seq")) } : nil
        return Page(items: try page.map(PostgresAuditLog.decode), next: next)
    }

    public func counts(at now: Date, since: Date) async throws -> DirectoryCounts {
        let row = try await pool.query("""
            SELECT (SELECT count(*) FROM users) AS users, \
            (SELECT count(*) FROM users WHERE is_email_verified) AS verified, \
            (SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > \(.timestamp(now))) AS live, \
            (SELECT count(*) FROM audit_events WHERE kind = 'sign_in_succeeded' AND at >= \(.timestamp(since))) AS sign_ins, \
            (SELECT count(*) FROM audit_events WHERE kind = 'sign_in_failed' AND at >= \(.timestamp(since))) AS failures
            """).rows.first
        guard let row else { throw AuthError(.internal, "no counts") }
        return DirectoryCounts(
            users: try row.int("users"), verifiedUsers: try row.int("verified"), liveSessions: try row.int("live"),
            signIns: try row.int("sign_ins"), signInFailures: try row.int("failures"))
    }

    public func activity(since: Date) async throws -> [ActivityHour] {
        // One pass over the indexed range of `at` (audit_events_at_idx), grouped by hour.
        let rows = try await pool.query("""
            SELECT extract(epoch FROM date_trunc('hour', at AT TIME ZONE 'UTC'))::bigint AS hour,             count(*) FILTER (WHERE kind = 'sign_in_succeeded') AS sign_ins,             count(*) FILTER (WHERE kind = 'sign_in_failed') AS failures,             count(*) FILTER (WHERE kind = 'sign_up') AS sign_ups             FROM audit_events WHERE at >= \(.timestamp(since))             AND kind IN ('sign_in_succeeded', 'sign_in_failed', 'sign_up') GROUP BY 1 ORDER BY 1
            """).rows
        return try rows.map { row in
            ActivityHour(
                start: Date(timeIntervalSince1970: Double(try row.int("hour"))), signIns: try row.int("sign_ins"),
                failedSignIns: try row.int("failures"), signUps: try row.int("sign_ups"))
        }
    }

    /// `prefix` as a LIKE pattern matching itself literally, then anything.
    static func likePrefix(_ prefix: String) -> String {
        var pattern = ""
        for character in prefix {
            if character == "\\" || character == "%" || character == "_" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
