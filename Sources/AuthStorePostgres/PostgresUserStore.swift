import AuthCore
import Foundation

/// A ``UserStore`` over the `users` table.
///
/// Each change is one `UPDATE` of the columns it is about, so concurrent changes never undo each
/// other (no read-modify-write of the whole row).
///
/// Email uniqueness is enforced by the database (a unique constraint and a unique index on
/// `lower(email)`), so of any number of concurrent inserts with one address exactly one succeeds.
public struct PostgresUserStore: UserStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = "id, email, is_email_verified, image_url, mfa_enabled, is_banned, created_at, updated_at"

    public func insert(_ user: User) async throws {
        try await pool.query("""
            INSERT INTO users (\(unsafeSQL: Self.columns)) VALUES (\(.uuid(user.id.rawValue)), \(.text(user.email.value)), \
            \(.bool(user.isEmailVerified)), \(.text(user.imageURL)), \(.bool(user.emailFactorEnabled)), \(.bool(user.isBanned)), \
            \(.timestamp(user.createdAt)), \(.timestamp(user.updatedAt)))
            """)
    }

    public func user(id: UserID) async throws -> User? {
        let query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM users WHERE id = \(.uuid(id.rawValue))"
        return try await pool.query(query.prepared(as: "user_by_id")).rows.first.map(Self.decode)
    }

    public func user(email: EmailAddress) async throws -> User? {
        let query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM users WHERE email = \(.text(email.value))"
        return try await pool.query(query.prepared(as: "user_by_email")).rows.first.map(Self.decode)
    }

    public func markEmailVerified(_ id: UserID, at now: Date) async throws -> Bool {
        // Only the call that flips the flag updates a row; a second one finds it already set.
        let flipped = try await pool.query("""
            UPDATE users SET is_email_verified = true, updated_at = \(.timestamp(now)) \
            WHERE id = \(.uuid(id.rawValue)) AND NOT is_email_verified
            """)
        if flipped.affectedRows == 1 { return true }
        guard try await user(id: id) != nil else { throw AuthError(.notFound) }
        return false
    }

    public func setEmailFactor(_ id: UserID, enabled: Bool, at now: Date) async throws {
        let result = try await pool.query("""
            UPDATE users SET mfa_enabled = \(.bool(enabled)), updated_at = \(.timestamp(now)) WHERE id = \(.uuid(id.rawValue))
            """)
        guard result.affectedRows == 1 else { throw AuthError(.notFound) }
    }

    public func changeEmail(_ id: UserID, to email: EmailAddress, at now: Date) async throws {
        // The unique index on lower(email) decides a race: the loser gets 23505, mapped to conflict.
        let result = try await pool.query("""
            UPDATE users SET email = \(.text(email.value)), updated_at = \(.timestamp(now)) WHERE id = \(.uuid(id.rawValue))
            """)
        guard result.affectedRows == 1 else { throw AuthError(.notFound) }
    }

    public func setBanned(_ id: UserID, _ banned: Bool, at now: Date) async throws {
        let result = try await pool.query("""
            UPDATE users SET is_banned = \(.bool(banned)), updated_at = \(.timestamp(now)) WHERE id = \(.uuid(id.rawValue))
            """)
        guard result.affectedRows == 1 else { throw AuthError(.notFound) }
    }

    static func decode(_ row: PostgresRow) throws -> User {
        User(
            id: UserID(try row.uuid("id")), email: EmailAddress(normalized: try row.string("email")),
            isEmailVerified: try row.bool("is_email_verified"), imageURL: try row.optionalString("image_url"),
            emailFactorEnabled: try row.bool("mfa_enabled"), isBanned: try row.bool("is_banned"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}

extension PostgresUserStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    /// The user row; the rows of the other stores that refer to it go with it (`ON DELETE CASCADE`).
    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM users WHERE id = \(.uuid(user.id.rawValue))")
    }
}
