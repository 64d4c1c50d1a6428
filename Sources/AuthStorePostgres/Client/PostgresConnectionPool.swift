import AuthCore
import Logging
import Synchronization

/// A bounded pool of ``PostgresConnection``s with scoped leases.
///
/// Connections open lazily (nothing happens in `init`), are checked on every checkout (a
/// connection the server closed, for instance across a restart, is replaced), and are dropped when
/// a statement breaks them, so the pool recovers on its own once the server is back. Callers beyond
/// ``Configuration/maxConnections`` wait in line for at most ``Configuration/leaseTimeout``.
///
/// Database failures are thrown as `AuthError`s: `.unavailable` when the database cannot be
/// reached or no connection freed up in time, `.conflict` for a unique violation, `.internal`
/// otherwise (the ``PostgresError`` is kept as `underlying`). Errors a lease's body throws itself
/// pass through unchanged.
public final class PostgresConnectionPool: Sendable {
    private struct State {
        var machine: ConnectionPoolStateMachine<PostgresConnection>
        var waiting: [Int: CheckedContinuation<Grant, any Error>] = [:]
        var nextID = 0
    }

    private enum Grant: Sendable {
        case connection(PostgresConnection)
        case openSlot
    }

    /// The configuration the pool was made with.
    public let configuration: Configuration
    private let logger: Logger
    private let state: Mutex<State>

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
            return (idle, ids.compactMap { s.waiting.removeValue(forKey: $0) })
        }
        idle.forEach { $0.close() }
        waiters.forEach { $0.resume(throwing: PostgresError(.poolClosed)) }
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
                    if case .wait = action { s.waiting[id] = continuation }
                    return action
                }
                switch action {
                case .use(let connection): continuation.resume(returning: .connection(connection))
                case .open: continuation.resume(returning: .openSlot)
                case .fail: continuation.resume(throwing: PostgresError(.poolClosed))
                case .wait:
                    let timeout = configuration.leaseTimeout
                    Task { [weak self] in
                        try? await Task.sleep(for: timeout)
                        self?.giveUp(id, PostgresError(.poolExhausted, context: "no connection free within \(timeout)"))
                    }
                }
            }
        } onCancel: {
            giveUp(id, CancellationError())
        }
        switch grant {
        case .connection(let connection):
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
            return try await PostgresConnection.connect(url: configuration.url, defaults: defaults, name: "postgres-pool")
        } catch {
            logger.warning("cannot connect to PostgreSQL", metadata: ["error": "\(error)"])
            perform(state.withLock { $0.machine.slotFreed() })
            throw error
        }
    }

    private func release(_ connection: PostgresConnection, reusable: Bool) {
        if !reusable { connection.close() }
        perform(state.withLock { $0.machine.release(connection, reusable: reusable) })
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
        state.withLock { $0.waiting.removeValue(forKey: id) }
    }

    private func giveUp(_ id: Int, _ error: any Error) {
        let continuation = state.withLock { s in s.machine.cancel(id) ? s.waiting.removeValue(forKey: id) : nil }
        continuation?.resume(throwing: error)
    }
}
