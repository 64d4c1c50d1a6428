import AuthCore
import Foundation

/// A ``SecondFactorStore`` over `totp_authenticators`, `totp_last_steps` and `recovery_codes`.
///
/// Each decision is one statement: confirming and using a recovery code are conditional
/// `UPDATE`s, and accepting a time step is an upsert whose `WHERE` PostgreSQL re-checks under the
/// row lock, so of concurrent submissions of one code exactly one is accepted.
public struct PostgresSecondFactorStore: SecondFactorStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = "id, user_id, name, secret, created_at, confirmed_at, last_used_at"

    public func addAuthenticator(_ a: TOTPAuthenticator) async throws {
        try await pool.query("""
            INSERT INTO totp_authenticators (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(a.id.rawValue)), \
            \(.uuid(a.userID.rawValue)), \(.text(a.name)), \(.bytea(a.sealedSecret)), \(.timestamp(a.createdAt)), \
            \(.timestamp(a.confirmedAt)), \(.timestamp(a.lastUsedAt)))
            """)
    }

    public func authenticators(of userID: UserID) async throws -> [TOTPAuthenticator] {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM totp_authenticators WHERE user_id = \(.uuid(userID.rawValue)) \
            ORDER BY created_at, id
            """
        return try await pool.query(query.prepared(as: "totp_by_user")).rows.map(Self.decode)
    }

    public func confirmAuthenticator(_ id: AuthenticatorID, of userID: UserID, at now: Date) async throws -> Bool {
        try await pool.query("""
            UPDATE totp_authenticators SET confirmed_at = \(.timestamp(now)) WHERE id = \(.uuid(id.rawValue)) \
            AND user_id = \(.uuid(userID.rawValue)) AND confirmed_at IS NULL
            """).affectedRows == 1
    }

    @discardableResult
    public func removeAuthenticator(_ id: AuthenticatorID, of userID: UserID, unconfirmedOnly: Bool) async throws -> Bool {
        try await pool.query("""
            DELETE FROM totp_authenticators WHERE id = \(.uuid(id.rawValue)) AND user_id = \(.uuid(userID.rawValue)) \
            AND (confirmed_at IS NULL OR NOT \(.bool(unconfirmedOnly)))
            """).affectedRows == 1
    }

    public func acceptStep(
        _ step: Int64, authenticator id: AuthenticatorID, of userID: UserID, at now: Date
    ) async throws -> Bool {
        // One statement: the step is taken only if later than the user's last one (re-checked on
        // the locked row by ON CONFLICT … WHERE), and only for an authenticator of this user.
        try await pool.query("""
            WITH owner AS (
                SELECT user_id FROM totp_authenticators \
                WHERE id = \(.uuid(id.rawValue)) AND user_id = \(.uuid(userID.rawValue))
            ), accepted AS (
                INSERT INTO totp_last_steps (user_id, step) SELECT user_id, \(.int(Int(step))) FROM owner \
                ON CONFLICT (user_id) DO UPDATE SET step = EXCLUDED.step WHERE totp_last_steps.step < EXCLUDED.step \
                RETURNING user_id
            )
            UPDATE totp_authenticators SET last_used_at = \(.timestamp(now)) \
            WHERE id = \(.uuid(id.rawValue)) AND user_id IN (SELECT user_id FROM accepted)
            """).affectedRows == 1
    }

    @discardableResult
    public func purgeUnconfirmed(createdBefore cutoff: Date) async throws -> Int {
        try await pool.query("""
            DELETE FROM totp_authenticators WHERE confirmed_at IS NULL AND created_at < \(.timestamp(cutoff))
            """).affectedRows
    }

    public func replaceRecoveryCodes(of userID: UserID, with hashes: [[UInt8]], at now: Date) async throws {
        try await pool.withTransaction { connection in
            // Serialises replacements of one user's set: two at once must not leave both sets.
            try await connection.query("SELECT 1 FROM users WHERE id = \(.uuid(userID.rawValue)) FOR UPDATE")
            try await connection.query("DELETE FROM recovery_codes WHERE user_id = \(.uuid(userID.rawValue))")
            for hash in hashes {
                try await connection.query("""
                    INSERT INTO recovery_codes (user_id, code_hash, created_at) \
                    VALUES (\(.uuid(userID.rawValue)), \(.bytea(hash)), \(.timestamp(now)))
                    """)
            }
        }
    }

    public func useRecoveryCode(_ hash: [UInt8], of userID: UserID, at now: Date) async throws -> Bool {
        try await pool.query("""
            UPDATE recovery_codes SET used_at = \(.timestamp(now)) WHERE user_id = \(.uuid(userID.rawValue)) \
            AND code_hash = \(.bytea(hash)) AND used_at IS NULL
            """).affectedRows == 1
    }

    public func recoveryCodesLeft(of userID: UserID) async throws -> Int {
        let query: PostgresQuery = """
            SELECT count(*) AS left FROM recovery_codes WHERE user_id = \(.uuid(userID.rawValue)) AND used_at IS NULL
            """
        return try await pool.query(query.prepared(as: "recovery_codes_left")).rows.first?.int("left") ?? 0
    }

    public func removeAll(of userID: UserID) async throws {
        try await pool.withTransaction { connection in
            try await connection.query("DELETE FROM totp_authenticators WHERE user_id = \(.uuid(userID.rawValue))")
            try await connection.query("DELETE FROM totp_last_steps WHERE user_id = \(.uuid(userID.rawValue))")
            try await connection.query("DELETE FROM recovery_codes WHERE user_id = \(.uuid(userID.rawValue))")
        }
    }

    /// The oldest and the newest stored authenticator (none when there are none): lets a host
    /// check at start-up that its encryption key still opens the stored secrets, those sealed
    /// before a key change and those sealed since.
    public func sampleAuthenticators() async throws -> [TOTPAuthenticator] {
        try await pool.query("""
            (SELECT \(unsafeSQL: Self.columns) FROM totp_authenticators ORDER BY created_at, id LIMIT 1) UNION \
            (SELECT \(unsafeSQL: Self.columns) FROM totp_authenticators ORDER BY created_at DESC, id DESC LIMIT 1)
            """).rows.map(Self.decode)
    }

    static func decode(_ row: PostgresRow) throws -> TOTPAuthenticator {
        TOTPAuthenticator(
            id: AuthenticatorID(try row.uuid("id")), userID: UserID(try row.uuid("user_id")), name: try row.string("name"),
            sealedSecret: try row.bytes("secret"), createdAt: try row.date("created_at"),
            confirmedAt: try row.optionalDate("confirmed_at"), lastUsedAt: try row.optionalDate("last_used_at"))
    }
}

extension PostgresSecondFactorStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// Authenticators, recovery codes and the TOTP replay record.
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM totp_authenticators WHERE user_id = \(.uuid(user.id.rawValue))")
        try await connection.query("DELETE FROM recovery_codes WHERE user_id = \(.uuid(user.id.rawValue))")
        try await connection.query("DELETE FROM totp_last_steps WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
