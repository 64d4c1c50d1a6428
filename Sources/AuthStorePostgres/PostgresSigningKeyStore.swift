import AuthCore
import Foundation

/// A ``SigningKeyStore`` over the `signing_keys` table. Bootstrap and rotation take a
/// transaction-scoped advisory lock, so two instances starting (or two `authd keys rotate`) at
/// once cannot make two current keys.
public struct PostgresSigningKeyStore: SigningKeyStore {
    private let pool: PostgresConnectionPool
    /// The advisory lock key of key changes (an arbitrary constant: "sgnk").
    private static let lock = 0x7367_6E6B

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = "kid, algorithm, state, public_key, private_key, created_at, state_changed_at"

    public func keys() async throws -> [SigningKey] {
        try await pool.query("SELECT \(unsafeSQL: Self.columns) FROM signing_keys ORDER BY created_at, kid").rows.map(Self.decode)
    }

    public func bootstrap(_ keys: [SigningKey]) async throws -> Bool {
        try await pool.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(.int(Self.lock)))")
            let algorithm = keys.first?.algorithm.rawValue ?? ""
            let live = try await connection.query("""
                SELECT count(*) AS live FROM signing_keys WHERE state <> 'retired' AND algorithm = \(.text(algorithm))
                """)
            guard try live.rows.first?.int("live") == 0 else { return false }
            for key in keys { try await connection.query(Self.insert(key)) }
            return true
        }
    }

    public func rotate(adding next: SigningKey, at now: Date, retiringPreviousBefore cutoff: Date) async throws {
        try await pool.withTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(.int(Self.lock)))")
            let algorithm = PostgresValue.text(next.algorithm.rawValue)
            try await connection.query("""
                UPDATE signing_keys SET state = 'retired', state_changed_at = \(.timestamp(now)) \
                WHERE state = 'previous' AND state_changed_at < \(.timestamp(cutoff)) AND algorithm = \(algorithm)
                """)
            try await connection.query("""
                UPDATE signing_keys SET state = 'previous', state_changed_at = \(.timestamp(now)) \
                WHERE state = 'current' AND algorithm = \(algorithm)
                """)
            let promoted = try await connection.query("""
                UPDATE signing_keys SET state = 'current', state_changed_at = \(.timestamp(now)) \
                WHERE state = 'next' AND algorithm = \(algorithm)
                """).affectedRows
            var added = next
            // The next key was retired (compromised): the new key must sign at once.
            if promoted == 0 { added.state = .current }
            try await connection.query(Self.insert(added))
        }
    }

    public func retire(_ kid: String, at now: Date) async throws -> Bool {
        try await pool.query("""
            UPDATE signing_keys SET state = 'retired', state_changed_at = \(.timestamp(now)) \
            WHERE kid = \(.text(kid)) AND state IN ('next', 'previous')
            """).affectedRows == 1
    }

    static func insert(_ key: SigningKey) -> PostgresQuery {
        """
        INSERT INTO signing_keys (\(unsafeSQL: columns)) VALUES (\(.text(key.kid)), \(.text(key.algorithm.rawValue)), \
        \(.text(key.state.rawValue)), \(.bytea(key.publicKey)), \(.bytea(key.sealedPrivateKey)), \
        \(.timestamp(key.createdAt)), \(.timestamp(key.stateChangedAt)))
        """
    }

    static func decode(_ row: PostgresRow) throws -> SigningKey {
        guard let algorithm = TokenAlgorithm(rawValue: try row.string("algorithm")),
              let state = SigningKey.State(rawValue: try row.string("state"))
        else { throw AuthError(.internal, "a signing key row has an unknown algorithm or state") }
        return SigningKey(
            kid: try row.string("kid"), algorithm: algorithm, state: state, publicKey: try row.bytes("public_key"),
            sealedPrivateKey: try row.bytes("private_key"), createdAt: try row.date("created_at"),
            stateChangedAt: try row.date("state_changed_at"))
    }
}
