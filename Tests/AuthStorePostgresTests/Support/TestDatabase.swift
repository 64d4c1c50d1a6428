import AuthCore
import AuthStorePostgres
import Foundation
import Testing

/// The PostgreSQL server the integration tests use: `AUTH_TEST_DATABASE_URL`, which `make test`
/// (scripts/test-servers/postgres.sh) sets.
///
/// Without it the integration suites are skipped, unless `AUTH_TEST_REQUIRE_SERVERS=1` says the
/// server was expected: then they run and fail.
enum TestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["AUTH_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    /// Whether integration suites run: a server is configured, or one is required (and missing
    /// means failure, not a skip).
    static let isEnabled = url != nil || required

    /// Whether tests may start private clusters with scripts/test-servers/postgres.sh (it exported
    /// `AUTH_TEST_PG_BINDIR` for the shared one, or servers are required).
    static let canStartClusters = (url != nil && environment["AUTH_TEST_PG_BINDIR"] != nil) || required

    struct Missing: Error, CustomStringConvertible {
        var description: String { "AUTH_TEST_REQUIRE_SERVERS=1 but AUTH_TEST_DATABASE_URL is not set" }
    }

    /// The server URL, or a thrown error failing the test when it is required but missing.
    static func requireURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    /// `base` with one more libpq URL parameter.
    static func url(_ base: String, adding parameter: String) -> String {
        base + (base.contains("?") ? "&" : "?") + parameter
    }

    /// A pool on the shared database (not a private schema), for creating and dropping schemas.
    static let admin: PostgresConnectionPool? = url.map {
        PostgresConnectionPool(configuration: .init(url: $0, maxConnections: 4))
    }

    /// Runs `body` with stores on a fresh schema of the test database (so purge counts and
    /// EXPLAIN plans see only this test's rows) and drops the schema afterwards.
    static func withSchema<T>(
        poolSize: Int = 5, migrate: Bool = true, _ body: (PostgresStores, String) async throws -> T
    ) async throws -> T {
        let base = try requireURL()
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin!.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        let pool = PostgresConnectionPool(configuration: .init(
            url: url(base, adding: "options=-csearch_path%3D\(schema)"), maxConnections: poolSize))
        let stores = PostgresStores(pool: pool)
        do {
            if migrate { try await stores.migrate() }
            let value = try await body(stores, schema)
            await drop(stores, schema)
            return value
        } catch {
            await drop(stores, schema)
            throw error
        }
    }

    private static func drop(_ stores: PostgresStores, _ schema: String) async {
        stores.shutdown()
        _ = try? await admin!.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
    }
}
