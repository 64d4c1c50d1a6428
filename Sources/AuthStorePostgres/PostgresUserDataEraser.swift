import AuthCore

/// A PostgreSQL store that can forget a user inside a transaction it is handed, so that
/// ``PostgresAccountEraser`` erases every store's rows in one transaction: an erasure either
/// happened completely or not at all.
///
/// Each store deletes its own rows (most would also go with the user's row, `ON DELETE CASCADE`;
/// deleting them by name keeps each store's erasure true on its own).
public protocol PostgresUserDataEraser: UserDataEraser {
    /// Removes what this store holds about `user`, on `connection` (inside the caller's transaction).
    func eraseData(of user: User, on connection: PostgresConnection) async throws
}

extension PostgresConnectionPool {
    /// Runs `store`'s erasure of `user` in a transaction of its own.
    func erase(_ user: User, from store: some PostgresUserDataEraser) async throws {
        try await withTransaction { connection in try await store.eraseData(of: user, on: connection) }
    }
}

/// The `mail_outbox` rows addressed to a user. The outbox itself needs the sealing secret, which
/// the stores do not have; its rows must go with every erasure all the same, since an earlier run
/// with mail configured may have left some.
struct PostgresMailOutboxRows: PostgresUserDataEraser {
    let pool: PostgresConnectionPool

    func eraseData(of user: User) async throws { try await pool.erase(user, from: self) }

    func eraseData(of user: User, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM mail_outbox WHERE recipient = \(.text(user.email.value))")
    }
}
