import AuthCore
@testable import AuthStorePostgres
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The pool's limits against a real server: idle connections are closed, old ones replaced, a
/// slow statement is stopped by `statement_timeout`, and a cancelled task frees its connection.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresPoolLimitsTests {
    /// A pool of one connection, named so `pg_stat_activity` can tell its backend apart.
    private static func pool(
        _ name: String, configure: (inout PostgresConnectionPool.Configuration) -> Void = { _ in }
    ) throws -> PostgresConnectionPool {
        var configuration = PostgresConnectionPool.Configuration(
            url: TestDatabase.url(try TestDatabase.requireURL(), adding: "application_name=\(name)"), maxConnections: 1)
        configure(&configuration)
        return PostgresConnectionPool(configuration: configuration)
    }

    private static func backendPID(_ pool: PostgresConnectionPool) async throws -> Int {
        try await pool.query("SELECT pg_backend_pid()::int8 AS pid").rows[0].int("pid")
    }

    /// Whether the server still has a backend with this pid, asked from another connection.
    private static func serverHasBackend(_ pid: Int) async throws -> Bool {
        try await TestDatabase.admin!.query(
            "SELECT count(*)::int8 AS n FROM pg_stat_activity WHERE pid = \(.int(pid))").rows[0].int("n") == 1
    }

    /// Waits (up to about ten seconds) for `condition` to hold; closing a backend is asynchronous.
    private static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test func aConnectionIdlePastTheTimeoutIsClosedAndReplaced() async throws {
        let pool = try Self.pool("idle-test") { $0.idleTimeout = .seconds(60) }
        defer { pool.shutdown() }
        let first = try await Self.backendPID(pool)

        #expect(pool.closeExpiredConnections(now: .now + .seconds(30)) == 0)  // not idle long enough
        #expect(pool.closeExpiredConnections(now: .now + .seconds(61)) == 1)
        #expect(try await Self.eventually { try await !Self.serverHasBackend(first) })

        let second = try await Self.backendPID(pool)
        #expect(second != first)
    }

    @Test func theBackgroundSweepClosesIdleConnectionsOnItsOwn() async throws {
        let pool = try Self.pool("sweep-test") { $0.idleTimeout = .milliseconds(200) }
        // The sweep is the pool's service: it runs while the host runs the pool.
        let service = Task { try await pool.run() }
        defer {
            service.cancel()
            pool.shutdown()
        }
        let pid = try await Self.backendPID(pool)
        #expect(try await Self.eventually { try await !Self.serverHasBackend(pid) })
        #expect(try await pool.query("SELECT 1 AS one").rows[0].int("one") == 1)  // a new one opens
    }

    @Test func gracefulShutdownOfThePoolsServiceDrainsIt() async throws {
        let pool = try Self.pool("service-test")
        let pid = try await Self.backendPID(pool)  // one idle connection, parked
        let group = ServiceGroup(configuration: .init(services: [.init(service: pool)], logger: Logger(label: "test")))
        await group.triggerGracefulShutdown()  // remembered until the group runs
        try await group.run()
        #expect(try await Self.eventually { try await !Self.serverHasBackend(pid) })
        let error = await #expect(throws: AuthError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .unavailable)
    }

    @Test func aPoolThatIsNotRunSweepsNothing() async throws {
        let pool = try Self.pool("no-service-test") { $0.idleTimeout = .milliseconds(100) }
        defer { pool.shutdown() }
        let pid = try await Self.backendPID(pool)
        try await Task.sleep(for: .milliseconds(600))  // six sweep intervals, had a sweep been started
        #expect(try await Self.serverHasBackend(pid))
    }

    @Test func aConnectionPastItsLifetimeIsReplacedInsteadOfReused() async throws {
        let pool = try Self.pool("lifetime-test") { $0.maxLifetime = .milliseconds(50) }
        defer { pool.shutdown() }
        let first = try await Self.backendPID(pool)
        try await Task.sleep(for: .milliseconds(100))
        let second = try await Self.backendPID(pool)
        #expect(second != first)
        #expect(try await Self.eventually { try await !Self.serverHasBackend(first) })
    }

    @Test func aStatementOverTheTimeoutFailsClearlyAndThePoolStaysHealthy() async throws {
        let pool = try Self.pool("timeout-test") { $0.statementTimeout = .milliseconds(200) }
        defer { pool.shutdown() }
        let pid = try await Self.backendPID(pool)
        #expect(try await pool.query("SELECT current_setting('statement_timeout') AS t").rows[0].string("t") == "200ms")

        let error = await #expect(throws: AuthError.self) { try await pool.query("SELECT pg_sleep(5)") }
        #expect(error?.code == .unavailable)
        #expect(error?.publicDetail == "the database did not answer in time")

        #expect(try await Self.backendPID(pool) == pid)  // same connection, still usable
    }

    @Test func aURLThatSetsTheStatementTimeoutKeepsItsOwn() async throws {
        let pool = try Self.pool("timeout-url-test&options=-cstatement_timeout%3D4321")
        defer { pool.shutdown() }
        #expect(try await pool.query("SELECT current_setting('statement_timeout') AS t").rows[0].string("t") == "4321ms")
    }

    @Test func migrationsAreNotBoundByTheStatementTimeout() async throws {
        try await TestDatabase.withSchema(migrate: false) { stores, _ in
            // withSchema's pool has the 10 s default; the migrator lifts it inside its transaction.
            let applied = try await stores.migrate()
            #expect(!applied.isEmpty)
        }
    }

    @Test func cancellingTheTaskCancelsItsStatementAndFreesTheConnectionAtOnce() async throws {
        let name = "cancel-test-\(UInt32.random(in: 0...UInt32.max))"
        let pool = try Self.pool(name) {
            $0.statementTimeout = nil
            $0.leaseTimeout = .seconds(20)  // longer than nothing but the 60 s sleep itself
        }
        defer { pool.shutdown() }
        let sleeping: @Sendable () async throws -> Bool = {
            try await TestDatabase.admin!.query("""
                SELECT count(*)::int8 AS n FROM pg_stat_activity \
                WHERE application_name = \(.text(name)) AND state = 'active' AND query LIKE '%pg_sleep(60)%'
                """).rows[0].int("n") == 1
        }
        let slow = Task { try await pool.query("SELECT pg_sleep(60)") }
        #expect(try await Self.eventually(sleeping))

        slow.cancel()
        await #expect(throws: (any Error).self) { try await slow.value }
        #expect(try await !sleeping())
        // The one connection is free again: the next lease does not wait out the sleep.
        #expect(try await pool.query("SELECT 1 AS one").rows[0].int("one") == 1)
    }

    @Test func aWaitThatEndsLeavesNoTimeoutBehind() async throws {
        // The lease timeout is a minute; its task must end when the wait does, not a minute later.
        let pool = try Self.pool("lease-timeout-test") { $0.leaseTimeout = .seconds(60) }
        defer { pool.shutdown() }
        let (leased, leasedSignal) = AsyncStream.makeStream(of: Void.self)
        let (held, release) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await pool.withConnection { _ in
                leasedSignal.finish()
                for await _ in held {}
            }
        }
        for await _ in leased {}  // the holder has the one connection
        #expect(pool.runningLeaseTimeouts == 0)
        let waiter = Task { try await pool.query("SELECT 1 AS one").rows[0].int("one") }
        #expect(try await Self.eventually { pool.runningLeaseTimeouts == 1 })  // waiting for the one connection

        release.finish()  // the connection is handed over to the waiter
        #expect(try await waiter.value == 1)
        try await holder.value
        #expect(try await Self.eventually { pool.runningLeaseTimeouts == 0 })
    }
}
