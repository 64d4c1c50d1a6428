import AuthCore
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// A bounded pool of ``PostgresConnection``s with scoped leases.
///
/// Connections open lazily (nothing happens in `init`), are checked on every checkout (a
/// connection the server closed, for instance across a restart, is replaced), and are dropped when
/// a statement breaks them, so the pool recovers on its own once the server is back. Callers beyond
/// ``Configuration/maxConnections`` wait in line for at most ``Configuration/leaseTimeout``.
/// Connections older than ``Configuration/maxLifetime`` are replaced instead of reused; while the
/// pool runs as a ``Service`` (``run()``, in the host's service group), connections idle past
/// ``Configuration/idleTimeout`` or past their lifetime are closed by its periodic sweep, and
/// graceful shutdown drains the pool. Nothing runs in the background otherwise. Every connection gets
/// ``Configuration/statementTimeout``, and cancelling the task that runs a statement cancels the
/// statement (see ``PostgresConnection/query(_:)``), so its connection is free again at once.
///
/// Reports through swift-metrics: `authd_postgres_pool_connections{state="in_use"|"idle"}`,
/// `authd_postgres_pool_waiting` and `authd_postgres_pool_lease_timeouts_total`.
///
/// Database failures are thrown as `AuthError`s: `.unavailable` when the database cannot be
/// reached or no connection freed up in time, `.conflict` for a unique violation, `.internal`
/// otherwise (the ``PostgresError`` is kept as `underlying`). Errors a lease's body throws itself
/// pass through unchanged.
public final class PostgresConnectionPool: Sendable {
    private struct State {
        var machine: ConnectionPoolStateMachine<PostgresConnection>
        var waiting: [Int: Waiter] = [:]
        var nextID = 0
    }

    /// A caller waiting for a connection, and the task that gives up on its behalf at
    /// ``Configuration/leaseTimeout``, cancelled as soon as the wait ends otherwise.
    private struct Waiter {
        let continuation: CheckedContinuation<Grant, any Error>
        var timeout: Task<Void, Never>?

        /// Ends the wait: stops its timeout and hands back the continuation to resume.
        consuming func end() -> CheckedContinuation<Grant, any Error> {
            timeout?.cancel()
            return continuation
        }
    }

    private enum Grant: Sendable {
        case connection(PostgresConnection)
        case openSlot
    }

    /// The configuration the pool was made with.
    public let configuration: Configuration
    private let logger: Logger
    private let state: Mutex<State>
    private let metrics = PoolMetrics()
    private let activeTimeouts = Atomic<Int>(0)

    /// Creates a pool; no connection opens until the first lease.
    public init(configuration: Configuration, logger: Logger = Logger(label: "auth.postgres")) {
        self.configuration = configuration
        self.logger = logger
        self.state = Mutex(State(machine: ConnectionPoolStateMachine(maximum: configuration.maxConnections)))
    }

    /// Leases a connection for the duration of `body`.
    /// - Throws: `AuthError` (see the type's documentation), or what `body` throws.
    public func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do { connection = try await lease() } catch { throw AuthError.postgres(error) }
        do {
            let value = try await body(connection)
            release(connection, reusable: true)
            return value
        } catch {
            release(connection, reusable: !((error as? PostgresError)?.breaksConnection ?? false))
            throw AuthError.postgres(error)
        }
    }

    /// Runs `body` in a transaction on one leased connection: committed when `body` returns,
    /// rolled back when it throws.
    public func withTransaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.query("BEGIN")
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT")
                return value
            } catch {
                // A failed ROLLBACK leaves the connection outside idle state: checkout drops it.
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs one statement on a leased connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        let query = configuration.usePreparedStatements ? query : PostgresQuery(unsafeSQL: query.sql, binds: query.binds)
        return try await withConnection { try await $0.query(query) }
    }

    /// Closes idle connections and fails waiting callers; leased connections close when returned.
    public func shutdown() {
        let (idle, waiters) = state.withLock { s in
            let (idle, ids) = s.machine.shutdown()
            return (idle, ids.compactMap { s.waiting.removeValue(forKey: $0)?.end() })
        }
        idle.forEach { $0.close() }
        waiters.forEach { $0.resume(throwing: PostgresError(.poolClosed)) }
        report()
    }

    /// Closes the parked connections that sat idle past ``Configuration/idleTimeout`` or lived past
    /// ``Configuration/maxLifetime``; ``run()`` calls this periodically.
    /// - Returns: how many connections were closed.
    @discardableResult
    public func closeExpiredConnections(now: ContinuousClock.Instant = .now) -> Int {
        let retired = state.withLock { s in
            s.machine.retire { connection, idleSince in
                isPastLifetime(connection, now: now)
                    || configuration.idleTimeout.map { idleSince + $0 <= now } ?? false
            }
        }
        retired.forEach { $0.close() }
        if !retired.isEmpty {
            logger.debug("closed idle PostgreSQL connections", metadata: ["count": "\(retired.count)"])
            report()
        }
        return retired.count
    }

    // MARK: - Housekeeping

    /// How often ``run()`` sweeps: a quarter of the shorter of the two limits, between 100 ms and
    /// 30 s (`nil`: neither limit is set, nothing to sweep).
    var sweepInterval: Duration? {
        let limits = [configuration.idleTimeout, configuration.maxLifetime].compactMap { $0 }
        return limits.min().map { min(max($0 / 4, .milliseconds(100)), .seconds(30)) }
    }

    private func isPastLifetime(_ connection: PostgresConnection, now: ContinuousClock.Instant = .now) -> Bool {
        configuration.maxLifetime.map { connection.openedAt + $0 <= now } ?? false
    }

    /// Publishes the pool's gauges from its current state.
    private func report() {
        let (inUse, idle, waiting) = state.withLock { s in
            (s.machine.slotsInUse - s.machine.idleEntries.count, s.machine.idleEntries.count, s.machine.waiters.count)
        }
        metrics.inUse.record(inUse)
        metrics.idle.record(idle)
        metrics.waiting.record(waiting)
    }

    // MARK: - Leasing

    private func lease() async throws -> PostgresConnection {
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        let grant: Grant = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let action = state.withLock { s in
                    let action = s.machine.lease(id)
                    if case .wait = action { s.waiting[id] = Waiter(continuation: continuation) }
                    return action
                }
                if case .wait = action { report() }
                switch action {
                case .use(let connection): continuation.resume(returning: .connection(connection))
                case .open: continuation.resume(returning: .openSlot)
                case .fail: continuation.resume(throwing: PostgresError(.poolClosed))
                case .wait:
                    armTimeout(for: id)
                }
            }
        } onCancel: {
            giveUp(id, CancellationError())
        }
        defer { report() }
        switch grant {
        case .connection(let connection):
            if isPastLifetime(connection) {
                logger.debug("replacing a PostgreSQL connection past its lifetime")
                connection.close()
                return try await open()
            }
            if await connection.isHealthy() { return connection }
            logger.info("dropping a broken PostgreSQL connection from the pool")
            connection.close()
            return try await open()
        case .openSlot:
            return try await open()
        }
    }

    /// Opens a connection in a slot already reserved for the caller.
    private func open() async throws -> PostgresConnection {
        do {
            // TCP keepalives notice a peer that vanished without closing the socket (a NAT or
            // load balancer dropping state) within about a minute and a half instead of hours.
            let defaults = [
                "connect_timeout": String(configuration.connectTimeoutSeconds),
                "fallback_application_name": configuration.applicationName,
                "keepalives_idle": "60", "keepalives_interval": "10", "keepalives_count": "3",
            ]
            let connection = try await PostgresConnection.connect(url: configuration.url, defaults: defaults, name: "postgres-pool")
            // A URL that sets statement_timeout itself (in `options`) keeps its own value.
            if let timeout = configuration.statementTimeout, !configuration.url.contains("statement_timeout") {
                let milliseconds = max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
                try await connection.executeScript("SET statement_timeout = \(milliseconds)")
            }
            return connection
        } catch {
            logger.warning("cannot connect to PostgreSQL", metadata: ["error": "\(error)"])
            perform(state.withLock { $0.machine.slotFreed() })
            throw error
        }
    }

    private func release(_ connection: PostgresConnection, reusable: Bool) {
        if !reusable { connection.close() }
        perform(state.withLock { $0.machine.release(connection, reusable: reusable) })
        report()
    }

    private func perform(_ action: ConnectionPoolStateMachine<PostgresConnection>.ReturnAction) {
        switch action {
        case .none: break
        case .close(let connection): connection.close()
        case .handOver(let connection, let id): continuation(id)?.resume(returning: .connection(connection))
        case .openFor(let id): continuation(id)?.resume(returning: .openSlot)
        }
    }

    private func continuation(_ id: Int) -> CheckedContinuation<Grant, any Error>? {
        state.withLock { $0.waiting.removeValue(forKey: id)?.end() }
    }

    /// Starts the task that fails the wait of `id` at ``Configuration/leaseTimeout``.
    ///
    /// The task is cancelled when the wait ends sooner (a connection handed over, the caller
    /// cancelled, the pool shut down). Left to sleep out the timeout, every wait kept a sleeping
    /// task alive for 5 s: under a storm where most requests wait for a connection, tens of
    /// thousands of them, megabytes held long after their requests were answered (docs/benchmarks.md).
    private func armTimeout(for id: Int) {
        let timeout = configuration.leaseTimeout
        let task = Task { [weak self] in
            self?.activeTimeouts.add(1, ordering: .relaxed)
            defer { self?.activeTimeouts.subtract(1, ordering: .relaxed) }
            do { try await Task.sleep(for: timeout) } catch { return }  // the wait ended first
            if self?.giveUp(id, PostgresError(.poolExhausted, context: "no connection free within \(timeout)")) == true {
                self?.metrics.leaseTimeouts.increment()
            }
        }
        let stillWaiting = state.withLock { s in
            guard s.waiting[id] != nil else { return false }
            s.waiting[id]?.timeout = task
            return true
        }
        if !stillWaiting { task.cancel() }  // handed over between the wait and this line
    }

    /// How many lease-timeout tasks are running: one per caller waiting now, none once the
    /// waits have ended. For tests.
    var runningLeaseTimeouts: Int { activeTimeouts.load(ordering: .relaxed) }

    /// Fails a waiting caller; returns whether it was still waiting.
    @discardableResult
    private func giveUp(_ id: Int, _ error: any Error) -> Bool {
        let continuation = state.withLock { s in s.machine.cancel(id) ? s.waiting.removeValue(forKey: id)?.end() : nil }
        continuation?.resume(throwing: error)
        report()
        return continuation != nil
    }
}

/// The pool's swift-metrics instruments, made once per pool.
private struct PoolMetrics: Sendable {
    let inUse = Gauge(label: "authd_postgres_pool_connections", dimensions: [("state", "in_use")])
    let idle = Gauge(label: "authd_postgres_pool_connections", dimensions: [("state", "idle")])
    let waiting = Gauge(label: "authd_postgres_pool_waiting")
    let leaseTimeouts = Counter(label: "authd_postgres_pool_lease_timeouts_total")
}
