import AuthCore
import Foundation

/// An ``AccountEraser`` over PostgreSQL stores that share one database, in one transaction: each
/// registered store forgets the user (``PostgresUserDataEraser``), then the audit log, and the
/// anonymised record is inserted in the same transaction. A deletion either happened completely
/// or not at all.
///
/// ``PostgresStores/eraser`` registers every store of the schema; the eraser itself names none.
public struct PostgresAccountEraser: AccountEraser {
    private let pool: PostgresConnectionPool
    private let stores: [any PostgresUserDataEraser]
    private let audit: PostgresAuditLog

    /// Creates the eraser over `pool`.
    /// - Parameters:
    ///   - stores: every store on `pool` that holds data about users.
    ///   - audit: the audit log on `pool`: it forgets the user after the stores, then keeps the record.
    public init(pool: PostgresConnectionPool, stores: [any PostgresUserDataEraser], audit: PostgresAuditLog) {
        self.pool = pool
        self.stores = stores
        self.audit = audit
    }

    public func erase(_ user: User, leaving record: AuditEvent) async throws {
        try await pool.withTransaction { connection in
            for store in stores { try await store.eraseData(of: user, on: connection) }
            try await audit.eraseData(of: user, on: connection)
            try await connection.query(PostgresAuditLog.insert(record))
        }
    }
}
