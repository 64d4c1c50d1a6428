import AuthCore
import AuthStorePostgres
import Foundation
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresMigratorTests {
    @Test func migratingTwiceIsANoOp() async throws {
        try await TestDatabase.withSchema(migrate: false) { stores, _ in
            let migrator = PostgresMigrator(pool: stores.pool)
            let before = try await migrator.appliedVersions()
            let first = try await migrator.migrate(), second = try await migrator.migrate()
            let after = try await migrator.appliedVersions()
            #expect(before == [])
            #expect(first == PostgresMigration.all.map(\.version))
            #expect(second == [])
            #expect(after == PostgresMigration.all.map(\.version))
        }
    }

    @Test func concurrentMigratorsApplyEachVersionOnce() async throws {
        try await TestDatabase.withSchema(poolSize: 8, migrate: false) { stores, _ in
            let pool = stores.pool
            let runs = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 { group.addTask { try await PostgresMigrator(pool: pool).migrate() } }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(runs.flatMap { $0 }.sorted() == PostgresMigration.all.map(\.version))
            let recorded = try await pool.query("SELECT count(*) AS n FROM schema_migrations")
            #expect(try recorded.rows[0].int("n") == PostgresMigration.all.count)
        }
    }

    @Test func aFailingMigrationIsRolledBackWhole() async throws {
        try await TestDatabase.withSchema(migrate: false) { stores, _ in
            let broken = PostgresMigration(version: 1, name: "broken", sql: "CREATE TABLE half (id int); SELECT no_such_column FROM half;")
            await #expect(throws: AuthError.self) { try await PostgresMigrator(pool: stores.pool, migrations: [broken]).migrate() }
            let table = try await stores.pool.query("SELECT to_regclass('half') IS NULL AS absent")
            #expect(try table.rows[0].bool("absent"))
            #expect(try await PostgresMigrator(pool: stores.pool).appliedVersions() == [])
        }
    }

    @Test func emailsAreUniqueRegardlessOfCase() async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await stores.users.insert(User(email: EmailAddress(normalized: "case@example.com"), createdAt: Date()))
            // A writer that forgot to normalise still cannot create a duplicate.
            let error = await #expect(throws: AuthError.self) {
                try await stores.users.insert(User(email: EmailAddress(normalized: "Case@Example.com"), createdAt: Date()))
            }
            #expect(error?.code == .conflict)
        }
    }
}
