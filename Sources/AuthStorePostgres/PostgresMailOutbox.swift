import AuthCore
import Foundation

/// A ``MailOutbox`` over the `mail_outbox` table: mail survives restarts of every `authd`, and
/// any number of instances' workers share it.
///
/// A claim is one statement: a materialized CTE picks and locks the due rows (`LIMIT n FOR UPDATE
/// SKIP LOCKED`), then an `UPDATE` leases exactly those. Concurrent claimers skip each other's rows
/// instead of waiting, and the lease is written as `next_attempt_at`, so a row stays invisible to
/// other workers after the claiming transaction commits, until the lease ends. `MATERIALIZED`
/// makes the picking run once whatever the plan: a plan that reran a locking subquery per joined
/// row could lease every due row in one `LIMIT 1` claim (docs/postgres.md, "The mail outbox").
/// `attempts` counts claims and fences stale outcomes. The payload is sealed (``MailSealer``):
/// the table never holds a one-time code in clear. A sent row is deleted; a given-up row keeps
/// `next_attempt_at = 'infinity'`, its kind, recipient and `last_error` for an operator, and its
/// payload is scrubbed.
///
/// Times come from the injected clock (share it with the workers); instances' clocks should agree
/// to well within the lease (NTP does).
public struct PostgresMailOutbox: MailOutbox {
    private let pool: PostgresConnectionPool
    private let clock: any WallClock
    private let sealer: MailSealer

    /// Creates the outbox over `pool` (the schema must be migrated).
    /// - Parameter sealer: seals every payload; every instance sharing the outbox needs the same.
    public init(pool: PostgresConnectionPool, sealer: MailSealer, clock: any WallClock = SystemClock()) {
        self.pool = pool
        self.sealer = sealer
        self.clock = clock
    }

    public func enqueue(_ message: MailMessage) async throws {
        let payload: String
        do {
            payload = String(decoding: try JSONEncoder().encode(["sealed": try sealer.seal(message)]), as: UTF8.self)
        } catch {
            throw AuthError(.internal, underlying: error)
        }
        let now = clock.now
        let insert: PostgresQuery = """
            INSERT INTO mail_outbox (id, recipient, kind, payload, created_at, next_attempt_at) \
            VALUES (\(.uuid(message.id)), \(.text(message.to.value)), \(.text(message.kindName)), \
            \(.jsonb(payload)), \(.timestamp(now)), \(.timestamp(now))) ON CONFLICT (id) DO NOTHING
            """
        try await pool.query(insert.prepared(as: "mail_outbox_enqueue"))
    }

    public func claim(limit: Int, lease: Duration) async throws -> [ClaimedMail] {
        let now = clock.now
        let leasedUntil = now.addingTimeInterval(lease.timeInterval)
        // The CTE runs once, whatever the plan: the UPDATE leases the rows it picked, no more.
        let claim: PostgresQuery = """
            WITH due AS MATERIALIZED (\
            SELECT id, next_attempt_at AS due_at FROM mail_outbox \
            WHERE sent_at IS NULL AND next_attempt_at <= \(.timestamp(now)) \
            ORDER BY next_attempt_at, created_at LIMIT \(.int(max(0, limit))) FOR UPDATE SKIP LOCKED) \
            UPDATE mail_outbox o SET attempts = o.attempts + 1, next_attempt_at = \(.timestamp(leasedUntil)) \
            FROM due WHERE o.id = due.id \
            RETURNING o.payload::text AS payload, o.attempts, due.due_at, o.created_at
            """
        let result = try await pool.query(claim.prepared(as: "mail_outbox_claim"))
        return try result.rows
            .map { row in (try row.date("due_at"), try row.date("created_at"), row) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map { _, _, row in
                let message = try open(try row.string("payload"))
                return ClaimedMail(message: message, attempt: try row.int("attempts"), leasedUntil: leasedUntil)
            }
    }

    public func markSent(_ claim: ClaimedMail) async throws {
        let delete: PostgresQuery = "DELETE FROM mail_outbox WHERE id = \(.uuid(claim.message.id))"
        try await pool.query(delete.prepared(as: "mail_outbox_sent"))
    }

    public func markFailed(_ claim: ClaimedMail, error: String, nextAttemptAt: Date) async throws {
        let update: PostgresQuery = """
            UPDATE mail_outbox SET next_attempt_at = \(.timestamp(nextAttemptAt)), last_error = \(.text(error)) \
            WHERE id = \(.uuid(claim.message.id)) AND attempts = \(.int(claim.attempt)) \
            AND next_attempt_at <> 'infinity' AND sent_at IS NULL
            """
        try await pool.query(update.prepared(as: "mail_outbox_failed"))
    }

    public func giveUp(_ claim: ClaimedMail, error: String) async throws {
        let update: PostgresQuery = """
            UPDATE mail_outbox SET next_attempt_at = 'infinity', last_error = \(.text(error)), payload = '{"scrubbed": true}' \
            WHERE id = \(.uuid(claim.message.id)) AND attempts = \(.int(claim.attempt)) AND sent_at IS NULL
            """
        try await pool.query(update.prepared(as: "mail_outbox_give_up"))
    }

    public func summary() async throws -> MailOutboxSummary {
        let row = try await pool.query("""
            SELECT count(*) FILTER (WHERE next_attempt_at <> 'infinity') AS pending, \
            count(*) FILTER (WHERE next_attempt_at = 'infinity') AS given_up \
            FROM mail_outbox WHERE sent_at IS NULL
            """).rows.first
        return MailOutboxSummary(pending: try row?.int("pending") ?? 0, givenUp: try row?.int("given_up") ?? 0)
    }

    /// The message of a payload: sealed, or a plain message queued by a version before sealing.
    private func open(_ payload: String) throws -> MailMessage {
        do {
            if let sealed = try JSONDecoder().decode([String: String].self, from: Data(payload.utf8))["sealed"] {
                return try sealer.open(sealed)
            }
        } catch let error as AuthError {
            throw error
        } catch {
            // Not a sealed envelope: a row queued before sealing.
        }
        do {
            return try JSONDecoder().decode(MailMessage.self, from: Data(payload.utf8))
        } catch {
            throw AuthError(.internal, "an outbox row holds an unreadable message", underlying: error)
        }
    }
}

extension PostgresMailOutbox: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// Every mail addressed to the user, sent or not.
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await PostgresMailOutboxRows(pool: pool).eraseData(of: user, on: connection)
    }
}
