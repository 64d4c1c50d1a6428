import AuthCore
import Foundation

/// An ``OAuthAccountStore`` over the `oauth_accounts` table; `(provider, subject)` is its primary key.
public struct PostgresOAuthAccountStore: OAuthAccountStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = "provider, subject, user_id, email, created_at"

    public func account(provider: String, subject: String) async throws -> OAuthAccount? {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.columns) FROM oauth_accounts \
            WHERE provider = \(.text(provider)) AND subject = \(.text(subject))
            """).rows.first.map(Self.decode)
    }

    public func link(_ account: OAuthAccount) async throws {
        try await pool.query("""
            INSERT INTO oauth_accounts (\(unsafeSQL: Self.columns)) VALUES (\(.text(account.provider)), \
            \(.text(account.subject)), \(.uuid(account.userID.rawValue)), \(.text(account.email.value)), \
            \(.timestamp(account.createdAt)))
            """)
    }

    public func accounts(of userID: UserID) async throws -> [OAuthAccount] {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.columns) FROM oauth_accounts WHERE user_id = \(.uuid(userID.rawValue)) \
            ORDER BY created_at, provider, subject
            """).rows.map(Self.decode)
    }

    public func unlink(provider: String, of userID: UserID) async throws -> [OAuthAccount] {
        try await pool.query("""
            DELETE FROM oauth_accounts WHERE provider = \(.text(provider)) AND user_id = \(.uuid(userID.rawValue)) \
            RETURNING \(unsafeSQL: Self.columns)
            """).rows.map(Self.decode).sorted { $0.createdAt < $1.createdAt }
    }

    static func decode(_ row: PostgresRow) throws -> OAuthAccount {
        OAuthAccount(
            provider: try row.string("provider"), subject: try row.string("subject"),
            userID: UserID(try row.uuid("user_id")), email: EmailAddress(normalized: try row.string("email")),
            createdAt: try row.date("created_at"))
    }
}

extension PostgresOAuthAccountStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM oauth_accounts WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
