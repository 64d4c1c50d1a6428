import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// The client against a real server: types, URL parameters, error mapping, pool limits.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresClientTests {
    @Test func everyTypeRoundTripsThroughTheServer() async throws {
        let pool = PostgresConnectionPool(configuration: .init(url: try TestDatabase.requireURL(), maxConnections: 1))
        defer { pool.shutdown() }
        let id = UUID()
        let date = Date(timeIntervalSince1970: 1_767_225_600).addingTimeInterval(0.123)
        let text = "it's \"quoted\"; DROP TABLE users; -- ünïcödé 🔐"
        let row = try await pool.query("""
            SELECT \(.text(text)) AS t, \(.text("")) AS empty, \(.text(nil)) AS null_text, \(.bytea([0, 1, 0, 255])) AS b, \
            \(.int(-5_000_000_000)) AS i, \(.bool(true)) AS f, \(.uuid(id)) AS u, \(.timestamp(date)) AS d, \
            \(.timestamp(nil)) AS null_date, 7::int4 AS small
            """).rows[0]
        #expect(try row.string("t") == text)
        #expect(try row.string("empty") == "")
        #expect(try row.optionalString("null_text") == nil)
        #expect(try row.bytes("b") == [0, 1, 0, 255])
        #expect(try row.int("i") == -5_000_000_000)
        #expect(try row.bool("f"))
        #expect(try row.uuid("u") == id)
        #expect(try row.date("d") == date)
        #expect(try row.optionalDate("null_date") == nil)
        #expect(try row.int("small") == 7)
        let wrongType = #expect(throws: AuthError.self) { try row.uuid("t") }
        #expect(wrongType?.code == .internal)
    }

    @Test func urlParametersAreHonoured() async throws {
        let base = try TestDatabase.requireURL()
        let url = TestDatabase.url(base, adding: "options=-cstatement_timeout%3D1234")
        let pool = PostgresConnectionPool(configuration: .init(url: url, maxConnections: 1))
        defer { pool.shutdown() }
        let row = try await pool.query(
            "SELECT current_setting('statement_timeout') AS timeout, current_setting('application_name') AS app").rows[0]
        #expect(try row.string("timeout") == "1234ms")
        #expect(try row.string("app") == "auth-tests")  // from the URL written by postgres.sh
    }

    @Test func serverErrorsBecomeAuthErrorsThatQuoteNoValues() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let user = Sample.user(at: Date())
            try await stores.users.insert(user)
            let error = await #expect(throws: AuthError.self) {
                try await stores.users.insert(User(email: user.email, createdAt: Date()))
            }
            #expect(error?.code == .conflict)
            let text = "\(String(describing: error)) \(String(describing: error?.underlying))"
            #expect(!text.contains(user.email.value))
            #expect(text.contains("23505"))
            let syntax = await #expect(throws: AuthError.self) { try await stores.pool.query("SELEC 1") }
            #expect(syntax?.code == .internal)
            try await stores.ping()  // the connection survived both errors
        }
    }

    @Test func callersWaitingForABusyPoolGiveUpWithUnavailable() async throws {
        var configuration = PostgresConnectionPool.Configuration(url: try TestDatabase.requireURL(), maxConnections: 1)
        configuration.leaseTimeout = .milliseconds(300)
        let pool = PostgresConnectionPool(configuration: configuration)
        defer { pool.shutdown() }
        async let holder: Void = pool.withConnection { connection in
            try await connection.query("SELECT pg_sleep(1.5)")
        }
        try await Task.sleep(for: .milliseconds(300))
        // The waiter gives up with `.unavailable` after its lease timeout rather than waiting for
        // the holder (which keeps the connection for 1.5 s).
        let error = await #expect(throws: AuthError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .unavailable)
        try await holder
        try await pool.query("SELECT 1")  // the connection is free again
    }

    @Test func transactionsCommitOrRollBack() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let kept = Sample.user(at: Date()), dropped = Sample.user(at: Date())
            try await stores.pool.withTransaction { _ in try await stores.users.insert(kept) }
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await stores.pool.withTransaction { connection in
                    try await connection.query("""
                        INSERT INTO users (id, email, created_at, updated_at) \
                        VALUES (\(.uuid(dropped.id.rawValue)), \(.text(dropped.email.value)), now(), now())
                        """)
                    throw Abort()
                }
            }
            #expect(try await stores.users.user(id: kept.id) != nil)
            #expect(try await stores.users.user(id: dropped.id) == nil)
        }
    }
}
