import Logging

/// Applies the pending ``PostgresMigration``s (what `authd migrate` runs).
///
/// Each migration runs in its own transaction that first takes a transaction-scoped advisory lock,
/// so any number of instances may migrate at once: one applies each version, the others wait and
/// then find it recorded in `schema_migrations`. Re-running is a no-op.
public struct PostgresMigrator: Sendable {
    /// The advisory lock key all migrators of this schema share (`'swift-auth'` as bytes).
    public static let lockKey = 0x7377_6966_742d_6175

    private let pool: PostgresConnectionPool
    private let migrations: [PostgresMigration]
    private let logger: Logger

    /// Creates a migrator.
    /// - Parameters:
    ///   - pool: where to migrate (the schema is the first one on the connection's `search_path`).
    ///   - migrations: the migrations to apply; defaults to every one this module ships.
    public init(
        pool: PostgresConnectionPool, migrations: [PostgresMigration] = PostgresMigration.all,
        logger: Logger = Logger(label: "auth.postgres.migrations")
    ) {
        self.pool = pool
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies every pending migration in version order.
    /// - Returns: the versions this call applied (empty when the schema was up to date).
    /// - Throws: `AuthError`; a migration that fails is rolled back whole and stops the run.
    @discardableResult
    public func migrate() async throws -> [Int] {
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try await pool.withTransaction { connection in
                try await lockAndPrepare(connection)
                let found = try await connection.query(
                    "SELECT 1 AS found FROM schema_migrations WHERE version = \(.int(migration.version))")
                guard found.rows.isEmpty else { return false }
                try await connection.executeScript(migration.sql)
                try await connection.query("""
                    INSERT INTO schema_migrations (version, name) \
                    VALUES (\(.int(migration.version)), \(.text(migration.name)))
                    """)
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        let known = migrations.last?.version ?? 0
        if let newest = try await appliedVersions().last, newest > known {
            logger.warning("the database schema is newer than this build", metadata: ["schema": "\(newest)", "build": "\(known)"])
        }
        return applied
    }

    /// How the database's schema compares with what this build ships.
    public func status() async throws -> SchemaStatus {
        let applied = try await appliedVersions()
        let known = Set(migrations.map(\.version))
        return SchemaStatus(
            applied: applied, pending: migrations.filter { !applied.contains($0.version) },
            unknown: applied.filter { !known.contains($0) }, required: migrations.last?.version ?? 0)
    }

    /// The versions recorded in `schema_migrations`, ascending (empty before the first migration).
    public func appliedVersions() async throws -> [Int] {
        try await pool.withConnection { connection in
            let table = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
            guard try table.rows.first?.bool("present") == true else { return [] }
            return try await connection.query("SELECT version FROM schema_migrations ORDER BY version")
                .rows.map { try $0.int("version") }
        }
    }

    private func lockAndPrepare(_ connection: PostgresConnection) async throws {
        // A migration may wait for the lock behind another instance's and rebuild an index on a
        // large table: the pool's statement_timeout, meant for requests, does not apply here.
        try await connection.executeScript("SET LOCAL statement_timeout = 0")
        try await connection.query("SELECT pg_advisory_xact_lock(\(.int(Self.lockKey)))")
        try await connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }
}
