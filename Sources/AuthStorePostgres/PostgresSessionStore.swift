import AuthCore
import Foundation

/// A ``SessionStore`` over the `sessions` table.
///
/// The lookup by id (every authenticated request behind the cache) uses the primary key; the
/// per-user list and logout-all use the partial index on live sessions (see docs/postgres.md).
public struct PostgresSessionStore: SessionStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns =
        "id, user_id, client_name, user_agent, ip, location, created_at, last_used_at, expires_at, revoked_at, authenticated_at, amr, aal, second_factor_at"

    static func byID(_ id: SessionID) -> PostgresQuery {
        let query: PostgresQuery = "SELECT \(unsafeSQL: columns) FROM sessions WHERE id = \(.uuid(id.rawValue))"
        return query.prepared(as: "session_by_id")
    }

    static func active(of userID: UserID, at now: Date) -> PostgresQuery {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: columns) FROM sessions \
            WHERE user_id = \(.uuid(userID.rawValue)) AND revoked_at IS NULL AND expires_at > \(.timestamp(now)) \
            ORDER BY last_used_at DESC, created_at DESC
            """
        return query.prepared(as: "sessions_active_by_user")
    }

    public func insert(_ session: Session) async throws {
        let c = session.client
        try await pool.query("""
            INSERT INTO sessions (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(session.id.rawValue)), \
            \(.uuid(session.userID.rawValue)), \(.text(c.clientName)), \(.text(c.userAgent)), \(.text(c.ipText)), \
            \(.text(c.location)), \(.timestamp(session.createdAt)), \(.timestamp(session.lastUsedAt)), \
            \(.timestamp(session.expiresAt)), \(.timestamp(session.revokedAt)), \(.timestamp(session.authenticatedAt)), \
            \(.text(session.amr.joined(separator: " "))), \(.int(session.aal)), \(.timestamp(session.secondFactorAt)))
            """)
    }

    public func session(id: SessionID) async throws -> Session? {
        try await pool.query(Self.byID(id)).rows.first.map(Self.decode)
    }

    public func activeSessions(of userID: UserID, at now: Date) async throws -> [Session] {
        try await pool.query(Self.active(of: userID, at: now)).rows.map(Self.decode)
    }

    /// Keyset-paged over `sessions_user_live_idx` (docs/postgres.md).
    public func activeSessions(of userID: UserID, at now: Date, after cursor: SessionCursor?, limit: Int) async throws
        -> [Session]
    {
        let id = userID.rawValue
        let query: PostgresQuery = if let cursor {
            """
            SELECT \(unsafeSQL: Self.columns) FROM sessions \
            WHERE user_id = \(.uuid(id)) AND revoked_at IS NULL AND expires_at > \(.timestamp(now)) \
            AND (last_used_at, created_at, id) < (\(.timestamp(cursor.lastUsedAt)), \(.timestamp(cursor.createdAt)), \
            \(.uuid(cursor.id.rawValue))) ORDER BY last_used_at DESC, created_at DESC, id DESC LIMIT \(.int(limit))
            """
        } else {
            """
            SELECT \(unsafeSQL: Self.columns) FROM sessions \
            WHERE user_id = \(.uuid(id)) AND revoked_at IS NULL AND expires_at > \(.timestamp(now)) \
            ORDER BY last_used_at DESC, created_at DESC, id DESC LIMIT \(.int(limit))
            """
        }
        return try await pool.query(query).rows.map(Self.decode)
    }

    /// Over the partial index on `revoked_at`.
    public func revokedSessions(since: Date, limit: Int) async throws -> [SessionID] {
        try await pool.query("""
            SELECT id FROM sessions WHERE revoked_at > \(.timestamp(since)) ORDER BY revoked_at DESC LIMIT \(.int(limit))
            """).rows.map { SessionID(try $0.uuid("id")) }
    }

    public func touch(_ id: SessionID, at now: Date) async throws {
        let query: PostgresQuery = """
            UPDATE sessions SET last_used_at = \(.timestamp(now)) \
            WHERE id = \(.uuid(id.rawValue)) AND last_used_at < \(.timestamp(now))
            """
        try await pool.query(query.prepared(as: "session_touch"))
    }

    @discardableResult
    public func slide(_ id: SessionID, until expiresAt: Date, at now: Date) async throws -> Bool {
        let query: PostgresQuery = """
            UPDATE sessions SET expires_at = \(.timestamp(expiresAt)), \
            last_used_at = GREATEST(last_used_at, \(.timestamp(now))) \
            WHERE id = \(.uuid(id.rawValue)) AND revoked_at IS NULL AND expires_at > \(.timestamp(now))
            """
        return try await pool.query(query.prepared(as: "session_slide")).affectedRows == 1
    }

    @discardableResult
    public func markAuthenticated(_ id: SessionID, at now: Date, aal: Int?) async throws -> Bool {
        try await pool.query("""
            UPDATE sessions SET authenticated_at = \(.timestamp(now)), \
            aal = GREATEST(COALESCE(aal, 1), COALESCE(\(.int(aal)), 1)), \
            second_factor_at = CASE WHEN \(.int(aal)) >= 2 THEN \(.timestamp(now)) ELSE second_factor_at END \
            WHERE id = \(.uuid(id.rawValue)) \
            AND revoked_at IS NULL AND expires_at > \(.timestamp(now))
            """).affectedRows == 1
    }

    @discardableResult
    public func revoke(_ id: SessionID, at now: Date) async throws -> Bool {
        try await pool.query("""
            UPDATE sessions SET revoked_at = \(.timestamp(now)) WHERE id = \(.uuid(id.rawValue)) AND revoked_at IS NULL
            """).affectedRows == 1
    }

    @discardableResult
    public func revokeAll(of userID: UserID, except keep: SessionID?, at now: Date) async throws -> [SessionID] {
        try await pool.query("""
            UPDATE sessions SET revoked_at = \(.timestamp(now)) \
            WHERE user_id = \(.uuid(userID.rawValue)) AND revoked_at IS NULL \
            AND id IS DISTINCT FROM \(.uuid(keep?.rawValue)) RETURNING id
            """).rows.map { SessionID(try $0.uuid("id")) }
    }

    /// Deletes in batches, each under the purge's own statement timeout rather than the request
    /// one, so a backlog of any size is worked off (docs/postgres.md, "Purge job").
    @discardableResult
    public func purge(endedBefore cutoff: Date) async throws -> Int {
        try await pool.deleteInBatches { limit in
            """
            DELETE FROM sessions WHERE id IN (SELECT id FROM sessions \
            WHERE expires_at < \(.timestamp(cutoff)) OR revoked_at < \(.timestamp(cutoff)) LIMIT \(.int(limit)))
            """
        }
    }

    static func decode(_ row: PostgresRow) throws -> Session {
        Session(
            id: SessionID(try row.uuid("id")), userID: UserID(try row.uuid("user_id")),
            client: ClientContext(
                ip: IPAddress(try row.string("ip")), userAgent: try row.string("user_agent"),
                clientName: try row.string("client_name"), location: try row.string("location")),
            createdAt: try row.date("created_at"), lastUsedAt: try row.date("last_used_at"),
            expiresAt: try row.date("expires_at"), revokedAt: try row.optionalDate("revoked_at"),
            authenticatedAt: try row.optionalDate("authenticated_at"),
            secondFactorAt: try row.optionalDate("second_factor_at"),
            amr: try row.optionalString("amr").map { $0.split(separator: " ").map(String.init) }
                ?? [],
            aal: try row.isNull("aal") ? 1 : try row.int("aal"))
    }
}

extension PostgresSessionStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// The sessions, and with them their refresh-token state (`ON DELETE CASCADE`).
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM sessions WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
