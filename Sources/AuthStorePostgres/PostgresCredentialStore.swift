import AuthCore
import Foundation

/// A ``CredentialStore`` over the `credentials` table, kept apart from `users` so no profile query
/// can ever read a password hash.
public struct PostgresCredentialStore: CredentialStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func passwordHash(for userID: UserID) async throws -> String? {
        let query: PostgresQuery = "SELECT password_hash FROM credentials WHERE user_id = \(.uuid(userID.rawValue))"
        return try await pool.query(query.prepared(as: "password_hash_by_user")).rows.first?.string("password_hash")
    }

    /// Stores (inserts or replaces) the PHC string for `userID`.
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    public func setPasswordHash(_ phc: String, for userID: UserID) async throws {
        try await pool.query("""
            INSERT INTO credentials (user_id, password_hash, updated_at) \
            VALUES (\(.uuid(userID.rawValue)), \(.text(phc)), now()) \
            ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at
            """)
    }

    public func replacePasswordHash(_ phc: String, for userID: UserID, ifCurrent expected: String) async throws -> Bool {
        try await pool.query("""
            UPDATE credentials SET password_hash = \(.text(phc)), updated_at = now() \
            WHERE user_id = \(.uuid(userID.rawValue)) AND password_hash = \(.text(expected))
            """).affectedRows == 1
    }

    public func removePasswordHash(for userID: UserID) async throws {
        try await pool.query("DELETE FROM credentials WHERE user_id = \(.uuid(userID.rawValue))")
    }
}

extension PostgresCredentialStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM credentials WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
