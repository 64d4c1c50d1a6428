import AuthCore
import Foundation

/// An ``AdminRoleStore`` over the `admin_roles` table.
public struct PostgresAdminRoleStore: AdminRoleStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    public func isAdmin(_ id: UserID) async throws -> Bool {
        try await !pool.query("SELECT 1 AS found FROM admin_roles WHERE user_id = \(.uuid(id.rawValue))").rows.isEmpty
    }

    public func grant(_ id: UserID, at now: Date) async throws -> Bool {
        // The foreign key refuses an unknown user (23503).
        do {
            return try await pool.query("""
                INSERT INTO admin_roles (user_id, granted_at) VALUES (\(.uuid(id.rawValue)), \(.timestamp(now))) \
                ON CONFLICT (user_id) DO NOTHING
                """).affectedRows == 1
        } catch let error as AuthError where error.code == .conflict || error.code == .invalidRequest {
            guard try await pool.query("SELECT 1 AS found FROM users WHERE id = \(.uuid(id.rawValue))").rows.isEmpty
            else { throw error }
            throw AuthError(.notFound, "no such user")
        }
    }

    public func revoke(_ id: UserID, allowingLast: Bool) async throws -> Bool {
        try await pool.withTransaction { connection in
            // Lock every holder first, so two revocations of the last two admins are serialised and
            // the second sees the first's delete.
            let holders = try await connection.query("SELECT user_id FROM admin_roles ORDER BY user_id FOR UPDATE")
                .rows.map { try $0.uuid("user_id") }
            guard holders.contains(id.rawValue) else { return false }
            if !allowingLast, holders.count == 1 { throw AuthError(.conflict, "the last admin keeps the role") }
            try await connection.query("DELETE FROM admin_roles WHERE user_id = \(.uuid(id.rawValue))")
            return true
        }
    }

    public func admins() async throws -> [UserID] {
        try await pool.query("SELECT user_id FROM admin_roles ORDER BY granted_at").rows.map { UserID(try $0.uuid("user_id")) }
    }
}

extension PostgresAdminRoleStore: PostgresUserDataEraser {
    public func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    public func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM admin_roles WHERE user_id = \(.uuid(user.id.rawValue))")
    }
}
