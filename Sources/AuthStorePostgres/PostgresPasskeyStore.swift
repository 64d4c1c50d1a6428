import AuthCore
import Foundation

/// A ``PasskeyStore`` over `passkeys` and `webauthn_user_handles`.
///
/// A credential registered twice is refused by the unique index on `credential_id` (SQLSTATE
/// 23505, mapped to `conflict`); recording a use is one conditional `UPDATE` on the counter it was
/// checked against; a user handle is an insert that keeps the first one on conflict.
public struct PostgresPasskeyStore: PasskeyStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = """
        id, user_id, credential_id, public_key, algorithm, sign_count, backup_eligible, backed_up, transports, aaguid, \
        name, created_at, last_used_at
        """

    public func add(_ p: Passkey) async throws {
        try await pool.query("""
            INSERT INTO passkeys (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(p.id.rawValue)), \(.uuid(p.userID.rawValue)), \
            \(.bytea(p.credentialID)), \(.bytea(p.publicKey)), \(.int(p.algorithm)), \(.int(Int(p.signCount))), \
            \(.bool(p.backupEligible)), \(.bool(p.backedUp)), \(.text(p.transports.joined(separator: " "))), \
            \(.bytea(p.aaguid)), \(.text(p.name)), \(.timestamp(p.createdAt)), \(.timestamp(p.lastUsedAt)))
            """)
    }

    public func passkeys(of userID: UserID) async throws -> [Passkey] {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM passkeys WHERE user_id = \(.uuid(userID.rawValue)) ORDER BY created_at, id
            """
        return try await pool.query(query.prepared(as: "passkeys_by_user")).rows.map(Self.decode)
    }

    public func passkey(credentialID: [UInt8]) async throws -> Passkey? {
        let query: PostgresQuery = """
            SELECT \(unsafeSQL: Self.columns) FROM passkeys WHERE credential_id = \(.bytea(credentialID))
            """
        return try await pool.query(query.prepared(as: "passkey_by_credential")).rows.first.map(Self.decode)
    }

    public func rename(_ id: PasskeyID, of userID: UserID, to name: String) async throws -> Bool {
        try await pool.query("""
            UPDATE passkeys SET name = \(.text(name)) WHERE id = \(.uuid(id.rawValue)) AND user_id = \(.uuid(userID.rawValue))
            """).affectedRows == 1
    }

    @discardableResult
    public func remove(_ id: PasskeyID, of userID: UserID) async throws -> Bool {
        try await pool.query("""
            DELETE FROM passkeys WHERE id = \(.uuid(id.rawValue)) AND user_id = \(.uuid(userID.rawValue))
            """).affectedRows == 1
    }

    public func recordUse(
        _ id: PasskeyID, expectedSignCount: UInt32, signCount: UInt32, backedUp: Bool, at now: Date
    ) async throws -> Bool {
        // The counter in the WHERE is re-checked on the locked row: of two uses checked against
        // one counter value, one updates and the other finds the new value.
        try await pool.query("""
            UPDATE passkeys SET sign_count = \(.int(Int(signCount))), backed_up = \(.bool(backedUp)), \
            last_used_at = \(.timestamp(now)) \
            WHERE id = \(.uuid(id.rawValue)) AND sign_count = \(.int(Int(expectedSignCount)))
            """).affectedRows == 1
    }

    public func userHandle(of userID: UserID, proposing proposed: [UInt8]) async throws -> [UInt8] {
        try await pool.query("""
            INSERT INTO webauthn_user_handles (user_id, handle) VALUES (\(.uuid(userID.rawValue)), \(.bytea(proposed))) \
            ON CONFLICT (user_id) DO NOTHING
            """)
        let rows = try await pool.query("""
            SELECT handle FROM webauthn_user_handles WHERE user_id = \(.uuid(userID.rawValue))
            """).rows
        guard let row = rows.first else { throw AuthError(.notFound, "no such user") }
        return try row.bytes("handle")
    }

    public func userID(forHandle handle: [UInt8]) async throws -> UserID? {
        try await pool.query("""
            SELECT user_id FROM webauthn_user_handles WHERE handle = \(.bytea(handle))
            """).rows.first.map { UserID(try $0.uuid("user_id")) }
    }

    public func removeAll(of userID: UserID) async throws {
        try await pool.withTransaction { connection in
            try await connection.query("DELETE FROM passkeys WHERE user_id = \(.uuid(userID.rawValue))")
            try await connection.query("DELETE FROM webauthn_user_handles WHERE user_id = \(.uuid(userID.rawValue))")
        }
    }

    static func decode(_ row: PostgresRow) throws -> Passkey {
        let transports = try row.string("transports")
        return Passkey(
            id: PasskeyID(try row.uuid("id")), userID: UserID(try row.uuid("user_id")),
            credentialID: try row.bytes("credential_id"), publicKey: try row.bytes("public_key"),
            algorithm: try row.int("algorithm"), signCount: UInt32(clamping: try row.int("sign_count")),
            backupEligible: try row.bool("backup_eligible"), backedUp: try row.bool("backed_up"),
            transports: transports.split(separator: " ").map(String.init), aaguid: try row.bytes("aaguid"),
            name: try row.string("name"), createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"))
    }
}

extension PostgresPasskeyStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// Passkeys and the WebAuthn user handle.
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM passkeys WHERE user_id = \(.uuid(user.id.rawValue))")
        try await connection.query("DELETE FROM webauthn_user_handles WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
