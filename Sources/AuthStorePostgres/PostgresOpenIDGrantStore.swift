import AuthCore
import Foundation

/// An ``OpenIDGrantStore`` over the `openid_grants` and `openid_consents` tables.
///
/// Rotation is ``PostgresRefreshTokenStore``'s: one conditional `UPDATE … WHERE refresh_generation
/// = presented AND refresh_token_hash = … AND revoked_at IS NULL`, so concurrent refreshes of one
/// grant, from any number of instances, queue on the row lock and exactly one matches; the others
/// read the row afterwards and are answered with the same successor within the reuse interval.
/// A grant goes with its session, its user or its client (`ON DELETE CASCADE`).
public struct PostgresOpenIDGrantStore: OpenIDGrantStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = """
        id, client_id, user_id, session_id, scopes::text AS scopes, created_at, revoked_at, refresh_generation, \
        refresh_token_hash, refresh_rotated_at
        """

    public func insert(_ grant: OpenIDGrant) async throws {
        let refresh = grant.refresh
        try await pool.query("""
            INSERT INTO openid_grants (id, client_id, user_id, session_id, scopes, created_at, revoked_at, \
            refresh_generation, refresh_token_hash, refresh_rotated_at) VALUES (\(.uuid(grant.id.rawValue)), \
            \(.text(grant.clientID)), \(.uuid(grant.userID.rawValue)), \(.uuid(grant.sessionID.rawValue)), \
            \(.stringList(grant.scopes)), \(.timestamp(grant.createdAt)), \(.timestamp(grant.revokedAt)), \
            \(.int(refresh?.generation)), \(.bytea(refresh?.tokenHash)), \(.timestamp(refresh?.rotatedAt)))
            """)
    }

    public func grant(id: OpenIDGrantID) async throws -> OpenIDGrant? {
        let query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM openid_grants WHERE id = \(.uuid(id.rawValue))"
        return try await pool.query(query.prepared(as: "openid_grant")).rows.first.map(Self.decode)
    }

    public func rotate(
        _ id: OpenIDGrantID, presented: Int, presentedHash: [UInt8], successorHash: [UInt8], at now: Date,
        reuseInterval: Duration
    ) async throws -> RefreshRotation {
        // Two tries, as PostgresRefreshTokenStore: the read can only show the presented generation
        // as current if the row changed back between the statements, which rotation never does.
        for _ in 0..<2 {
            let update: PostgresQuery = """
                UPDATE openid_grants SET refresh_generation = refresh_generation + 1, \
                refresh_token_hash = \(.bytea(successorHash)), refresh_rotated_at = \(.timestamp(now)) \
                WHERE id = \(.uuid(id.rawValue)) AND revoked_at IS NULL AND refresh_generation = \(.int(presented)) \
                AND refresh_token_hash = \(.bytea(presentedHash)) RETURNING refresh_generation
                """
            if let row = try await pool.query(update.prepared(as: "openid_grant_rotate")).rows.first {
                return .rotated(generation: try row.int("refresh_generation"))
            }
            guard let grant = try await grant(id: id), grant.revokedAt == nil, let state = grant.refresh else {
                return .unknown
            }
            let outcome = state.outcome(presented: presented, presentedHash: presentedHash, at: now, reuseInterval: reuseInterval)
            if case .rotated = outcome { continue }
            return outcome
        }
        return .unknown
    }

    public func revoke(_ id: OpenIDGrantID, at now: Date) async throws -> Bool {
        try await pool.query("""
            UPDATE openid_grants SET revoked_at = \(.timestamp(now)) \
            WHERE id = \(.uuid(id.rawValue)) AND revoked_at IS NULL RETURNING id
            """).rows.count == 1
    }

    public func revokeGrants(of user: UserID, to client: String, at now: Date) async throws -> Int {
        try await pool.query("""
            UPDATE openid_grants SET revoked_at = \(.timestamp(now)) \
            WHERE user_id = \(.uuid(user.rawValue)) AND client_id = \(.text(client)) AND revoked_at IS NULL RETURNING id
            """).rows.count
    }

    static let consentColumns = "user_id, client_id, scopes::text AS scopes, granted_at"

    public func consent(of user: UserID, to client: String) async throws -> OpenIDConsent? {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.consentColumns) FROM openid_consents \
            WHERE user_id = \(.uuid(user.rawValue)) AND client_id = \(.text(client))
            """).rows.first.map(Self.decodeConsent)
    }

    public func saveConsent(_ consent: OpenIDConsent) async throws {
        try await pool.query("""
            INSERT INTO openid_consents (user_id, client_id, scopes, granted_at) VALUES (\(.uuid(consent.userID.rawValue)), \
            \(.text(consent.clientID)), \(.stringList(consent.scopes)), \(.timestamp(consent.grantedAt))) \
            ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes, granted_at = excluded.granted_at
            """)
    }

    public func consents(of user: UserID) async throws -> [OpenIDConsent] {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.consentColumns) FROM openid_consents WHERE user_id = \(.uuid(user.rawValue)) \
            ORDER BY granted_at DESC, client_id DESC
            """).rows.map(Self.decodeConsent)
    }

    public func removeConsent(of user: UserID, to client: String) async throws -> Bool {
        try await pool.query("""
            DELETE FROM openid_consents WHERE user_id = \(.uuid(user.rawValue)) AND client_id = \(.text(client)) \
            RETURNING user_id
            """).rows.count == 1
    }

    static func decode(_ row: PostgresRow) throws -> OpenIDGrant {
        let sessionID = SessionID(try row.uuid("session_id"))
        let refresh = try row.isNull("refresh_generation")
            ? nil
            : RefreshTokenState(
                sessionID: sessionID, generation: try row.int("refresh_generation"),
                tokenHash: try row.bytes("refresh_token_hash"), rotatedAt: try row.optionalDate("refresh_rotated_at"))
        return OpenIDGrant(
            id: OpenIDGrantID(try row.uuid("id")), clientID: try row.string("client_id"), userID: UserID(try row.uuid("user_id")),
            sessionID: sessionID, scopes: try row.stringList("scopes"), createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at"), refresh: refresh)
    }

    static func decodeConsent(_ row: PostgresRow) throws -> OpenIDConsent {
        OpenIDConsent(
            userID: UserID(try row.uuid("user_id")), clientID: try row.string("client_id"), scopes: try row.stringList("scopes"),
            grantedAt: try row.date("granted_at"))
    }
}

extension PostgresOpenIDGrantStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// The user's grants (revoked ones too) and consents.
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM openid_grants WHERE user_id = \(.uuid(user.id.rawValue))")
        try await connection.query("DELETE FROM openid_consents WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
