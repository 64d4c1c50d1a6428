import AuthCore
import Foundation

/// An ``AccountEraser`` over the whole schema, in one transaction: every table that refers to the
/// user cascades from `users`; the audit events and outbox mail that only name the address are
/// deleted by address; the anonymised record is inserted in the same transaction.
public struct PostgresAccountEraser: AccountEraser {
    private let pool: PostgresConnectionPool

    /// Creates the eraser over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func erase(_ user: User, leaving record: AuditEvent) async throws {
        try await pool.withTransaction { connection in
            let id = user.id.rawValue
            let email = user.email.value
            try await connection.query("DELETE FROM audit_events WHERE user_id = \(.uuid(id)) OR email = \(.text(email))")
            try await connection.query("DELETE FROM mail_outbox WHERE recipient = \(.text(email))")
            // Credentials, sessions, codes, OAuth links, authenticators, recovery codes, the
            // TOTP replay record, passkeys and the WebAuthn user handle go with the user (ON DELETE CASCADE).
            try await connection.query("DELETE FROM users WHERE id = \(.uuid(id))")
            try await connection.query(PostgresAuditLog.insert(record))
        }
    }
}
