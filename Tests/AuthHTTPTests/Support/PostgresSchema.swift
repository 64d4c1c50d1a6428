import AuthStorePostgres
import Foundation

/// PostgreSQL for HTTP tests that must run on the real store: `AUTH_TEST_DATABASE_URL`, which
/// `make test` sets. Skipped without it, unless `AUTH_TEST_REQUIRE_SERVERS=1` (then they fail).
enum PostgresSchema {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["AUTH_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let isEnabled = url != nil || environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    struct Missing: Error, CustomStringConvertible {
        var description: String { "AUTH_TEST_REQUIRE_SERVERS=1 but AUTH_TEST_DATABASE_URL is not set" }
    }

    /// Runs `body` with migrated stores on a fresh schema, dropped afterwards.
    static func with<T>(_ body: (PostgresStores) async throws -> T) async throws -> T {
        guard let base = url else { throw Missing() }
        let schema = "h_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = PostgresConnectionPool(configuration: .init(url: base, maxConnections: 1))
        defer { admin.shutdown() }
        try await admin.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        let separator = base.contains("?") ? "&" : "?"
        let stores = PostgresStores(pool: PostgresConnectionPool(configuration: .init(
            url: base + separator + "options=-csearch_path%3D\(schema)", maxConnections: 4)))
        do {
            try await stores.migrate()
            let value = try await body(stores)
            stores.shutdown()
            _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
            return value
        } catch {
            stores.shutdown()
            _ = try? await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
            throw error
        }
    }
}
