import AuthCore
import Foundation

/// An ``AccountEraser`` over the whole schema, in one transaction: every table that refers to the
/// user cascades from `users`; the user's audit events go by user id, and the events that name the
/// address without naming any account (failed sign-ins) by address; outbox mail goes by address;
/// the anonymised record is inserted in the same transaction.
///
/// What an admin did to the account stays, without the account (the record of admin actions);
/// what the user did to other accounts as an admin stays in their history, without the actor.
/// Events of other accounts that once held the address are theirs and stay.
public struct PostgresAccountEraser: AccountEraser {
    private let pool: PostgresConnectionPool

    /// Creates the eraser over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func erase(_ user: User, leaving record: AuditEvent) async throws {
        try await pool.withTransaction { connection in
            let id = user.id.rawValue
            let email = user.email.value
            try await connection.query("""
                UPDATE audit_events SET user_id = NULL, email = NULL \
                WHERE user_id = \(.uuid(id)) AND actor_id IS NOT NULL AND actor_id <> \(.uuid(id))
                """)
            try await connection.query("UPDATE audit_events SET actor_id = NULL WHERE actor_id = \(.uuid(id))")
            try await connection.query("""
                DELETE FROM audit_events \
                WHERE user_id = \(.uuid(id)) OR (user_id IS NULL AND actor_id IS NULL AND email = \(.text(email)))
                """)
            try await connection.query("DELETE FROM mail_outbox WHERE recipient = \(.text(email))")
            // Credentials, sessions, codes, OAuth links, authenticators, recovery codes, the
            // TOTP replay record, passkeys and the WebAuthn user handle go with the user (ON DELETE CASCADE).
            try await connection.query("DELETE FROM users WHERE id = \(.uuid(id))")
            try await connection.query(PostgresAuditLog.insert(record))
        }
    }
}
