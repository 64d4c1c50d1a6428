import AuthCore
import Foundation

/// An ``AuditLog`` over the `audit_events` table (append-only; kept after a user is deleted).
public struct PostgresAuditLog: AuditLog {
    private let pool: PostgresConnectionPool

    /// Creates the log over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = "id, kind, user_id, actor_id, email, ip, user_agent, client, location, at, detail"

    public func record(_ event: AuditEvent) async throws {
        try await pool.query(Self.insert(event))
    }

    static func insert(_ event: AuditEvent) -> PostgresQuery {
        let c = event.client
        let query: PostgresQuery = """
            INSERT INTO audit_events (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(event.id)), \
            \(.text(event.kind.rawValue)), \(.uuid(event.userID?.rawValue)), \(.uuid(event.actorID?.rawValue)), \
            \(.text(event.email?.value)), \
            \(.text(c.ipText)), \(.text(c.userAgent)), \(.text(c.clientName)), \(.text(c.location)), \
            \(.timestamp(event.at)), \(.text(event.detail)))
            """
        return query.prepared(as: "audit_record_v7")
    }

    public func events(of userID: UserID, limit: Int) async throws -> [AuditEvent] {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.columns) FROM audit_events WHERE user_id = \(.uuid(userID.rawValue)) \
            ORDER BY at DESC, seq DESC LIMIT \(.int(max(0, limit)))
            """).rows.map(Self.decode)
    }

    static func decode(_ row: PostgresRow) throws -> AuditEvent {
        let kindText = try row.string("kind")
        guard let kind = AuditEvent.Kind(rawValue: kindText) else {
            throw PostgresError.decoding(column: "kind", "unknown audit event kind")
        }
        return AuditEvent(
            id: try row.uuid("id"), kind: kind, userID: try row.optionalUUID("user_id").map(UserID.init),
            actorID: try row.optionalUUID("actor_id").map(UserID.init),
            email: try row.optionalString("email").map(EmailAddress.init(normalized:)),
            client: ClientContext(
                ip: IPAddress(try row.string("ip")), userAgent: try row.string("user_agent"),
                clientName: try row.string("client"), location: try row.string("location")),
            at: try row.date("at"), detail: try row.optionalString("detail"))
    }
}

extension PostgresAuditLog: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// As ``AuditLog`` describes: admin actions on the account stay without it; the user's admin
    /// actions on others stay without their actor.
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        let id = user.id.rawValue
        try await connection.query("""
            UPDATE audit_events SET user_id = NULL, email = NULL \
            WHERE user_id = \(.uuid(id)) AND actor_id IS NOT NULL AND actor_id <> \(.uuid(id))
            """)
        try await connection.query("UPDATE audit_events SET actor_id = NULL WHERE actor_id = \(.uuid(id))")
        try await connection.query("""
            DELETE FROM audit_events \
            WHERE user_id = \(.uuid(id)) OR (user_id IS NULL AND actor_id IS NULL AND email = \(.text(user.email.value)))
            """)
    }
}
