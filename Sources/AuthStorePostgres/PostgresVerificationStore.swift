import AuthCore
import Foundation

/// A ``VerificationStore`` over the `verification_codes` table.
///
/// `redeem` decides in one `UPDATE … RETURNING`: PostgreSQL locks the row and re-checks the
/// conditions against its newest version, so of concurrent correct submissions exactly one consumes
/// the code and wrong guesses are counted exactly. A partial unique index allows one live code per
/// user and purpose among rows without a pending password, which `replace` upserts; pending
/// sign-ups and decoys (no user) are plain inserts beside it.
public struct PostgresVerificationStore: VerificationStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns =
        "id, user_id, purpose, code_hash, created_at, expires_at, failed_attempts, consumed_at, pending_password, decoy_key, first_factor, pending_email"

    static func insert(_ code: VerificationCode) -> PostgresQuery {
        """
        INSERT INTO verification_codes (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(code.id.rawValue)), \
        \(.uuid(code.userID?.rawValue)), \(.text(code.purpose.rawValue)), \(.bytea(code.codeHash)), \
        \(.timestamp(code.createdAt)), \(.timestamp(code.expiresAt)), \(.int(code.failedAttempts)), \
        \(.timestamp(code.consumedAt)), \(.text(code.pendingPasswordHash)), \(.text(code.decoyKey)), \
        \(.text(code.firstFactor)), \(.text(code.pendingEmail?.value)))
        """
    }

    public func add(_ code: VerificationCode) async throws {
        try await pool.query(Self.insert(code))
    }

    public func discard(of userID: UserID, purpose: VerificationPurpose) async throws {
        try await pool.query("""
            DELETE FROM verification_codes WHERE user_id = \(.uuid(userID.rawValue)) \
            AND purpose = \(.text(purpose.rawValue)) AND consumed_at IS NULL
            """)
    }

    public func pendingSignUps(of userID: UserID, at now: Date) async throws -> [VerificationCode] {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.columns) FROM verification_codes WHERE user_id = \(.uuid(userID.rawValue)) \
            AND purpose = 'sign_up' AND consumed_at IS NULL AND pending_password IS NOT NULL \
            AND expires_at > \(.timestamp(now)) ORDER BY created_at DESC LIMIT 20
            """).rows.map(Self.decode)
    }

    public func replace(with code: VerificationCode) async throws {
        if code.userID == nil, let key = code.decoyKey {
            try await pool.withTransaction { connection in
                try await connection.query("""
                    DELETE FROM verification_codes WHERE decoy_key = \(.text(key)) \
                    AND purpose = \(.text(code.purpose.rawValue)) AND consumed_at IS NULL
                    """)
                try await connection.query(Self.insert(code))
            }
            return
        }
        guard code.pendingPasswordHash == nil, code.userID != nil else {
            // Pending sign-ups and decoys never replace anything.
            try await add(code)
            return
        }
        let insert: PostgresQuery = """
            INSERT INTO verification_codes (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(code.id.rawValue)), \
            \(.uuid(code.userID?.rawValue)), \(.text(code.purpose.rawValue)), \(.bytea(code.codeHash)), \
            \(.timestamp(code.createdAt)), \(.timestamp(code.expiresAt)), \(.int(code.failedAttempts)), \
            \(.timestamp(code.consumedAt)), NULL, NULL, \(.text(code.firstFactor)), \(.text(code.pendingEmail?.value))) \
            ON CONFLICT (user_id, purpose) WHERE consumed_at IS NULL AND pending_password IS NULL AND user_id IS NOT NULL \
            DO UPDATE SET id = EXCLUDED.id, \
            code_hash = EXCLUDED.code_hash, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, \
            failed_attempts = EXCLUDED.failed_attempts, consumed_at = EXCLUDED.consumed_at, \
            first_factor = EXCLUDED.first_factor, pending_email = EXCLUDED.pending_email
            """
        guard code.consumedAt != nil else {
            // The live code of this user and purpose, if any, is replaced in place, atomically.
            try await pool.query(insert.prepared(as: "verification_replace"))
            return
        }
        // An already-consumed row does not collide with the live one, so delete that explicitly.
        try await pool.withTransaction { connection in
            try await connection.query("""
                DELETE FROM verification_codes WHERE user_id = \(.uuid(code.userID?.rawValue)) \
                AND purpose = \(.text(code.purpose.rawValue)) AND consumed_at IS NULL AND pending_password IS NULL
                """)
            try await connection.query(insert)
        }
    }

    public func code(id: VerificationID) async throws -> VerificationCode? {
        try await pool.query("SELECT \(unsafeSQL: Self.columns) FROM verification_codes WHERE id = \(.uuid(id.rawValue))")
            .rows.first.map(Self.decode)
    }

    public func redeem(
        id: VerificationID, purpose: VerificationPurpose, codeHash: [UInt8], at now: Date, maxAttempts: Int
    ) async throws -> RedeemOutcome {
        let attempt: PostgresQuery = """
            UPDATE verification_codes SET \
            failed_attempts = failed_attempts + CASE WHEN code_hash = \(.bytea(codeHash)) THEN 0 ELSE 1 END, \
            consumed_at = CASE WHEN code_hash = \(.bytea(codeHash)) THEN \(.timestamp(now)) END \
            WHERE id = \(.uuid(id.rawValue)) AND purpose = \(.text(purpose.rawValue)) AND consumed_at IS NULL \
            AND expires_at > \(.timestamp(now)) AND failed_attempts < \(.int(maxAttempts)) \
            RETURNING \(unsafeSQL: Self.columns)
            """
        if let row = try await pool.query(attempt.prepared(as: "verification_redeem")).rows.first {
            let code = try Self.decode(row)
            if code.consumedAt != nil { return .redeemed(code) }
            return .mismatch(remainingAttempts: max(0, maxAttempts - code.failedAttempts))
        }
        // Nothing was updated: say why, in the documented order. Rows only ever move towards
        // consumed, expired or exhausted, so this read cannot contradict the update.
        let state = try await pool.query("""
            SELECT expires_at, failed_attempts FROM verification_codes \
            WHERE id = \(.uuid(id.rawValue)) AND purpose = \(.text(purpose.rawValue)) AND consumed_at IS NULL
            """)
        guard let row = state.rows.first else { return .notFound }
        if try row.date("expires_at") <= now { return .expired }
        if try row.int("failed_attempts") >= maxAttempts { return .exhausted }
        return .notFound
    }

    @discardableResult
    public func purge(expiredBefore cutoff: Date) async throws -> Int {
        // In batches, outside the request statement timeout, like the sessions' purge.
        try await pool.deleteInBatches { limit in
            """
            DELETE FROM verification_codes WHERE id IN (SELECT id FROM verification_codes \
            WHERE expires_at < \(.timestamp(cutoff)) LIMIT \(.int(limit)))
            """
        }
    }

    static func decode(_ row: PostgresRow) throws -> VerificationCode {
        let purposeText = try row.string("purpose")
        guard let purpose = VerificationPurpose(rawValue: purposeText) else {
            throw PostgresError.decoding(column: "purpose", "unknown purpose")
        }
        return VerificationCode(
            id: VerificationID(try row.uuid("id")), userID: try row.optionalUUID("user_id").map(UserID.init), purpose: purpose,
            codeHash: try row.bytes("code_hash"), createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"), failedAttempts: try row.int("failed_attempts"),
            consumedAt: try row.optionalDate("consumed_at"), pendingPasswordHash: try row.optionalString("pending_password"),
            decoyKey: try row.optionalString("decoy_key"), firstFactor: try row.optionalString("first_factor"),
            pendingEmail: try row.optionalString("pending_email").map(EmailAddress.init(normalized:)))
    }
}

extension PostgresVerificationStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM verification_codes WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
