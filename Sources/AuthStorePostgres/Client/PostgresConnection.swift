import Dispatch
import Foundation
import Synchronization

/// One PostgreSQL connection over libpq, with its own thread for the blocking calls.
///
/// Usually leased from a ``PostgresConnectionPool`` rather than made directly. A connection runs one
/// statement at a time; calls from several tasks queue on its thread.
public final class PostgresConnection: Sendable {
    private let handle: PGConnectionHandle
    private let thread: ConnectionThread
    /// When the connection was opened (the pool retires connections past their lifetime).
    let openedAt: ContinuousClock.Instant

    private init(handle: PGConnectionHandle, thread: ConnectionThread) {
        self.handle = handle
        self.thread = thread
        self.openedAt = .now
    }

    deinit { thread.stop() }

    /// Opens a connection.
    ///
    /// - Parameters:
    ///   - url: a `postgres://` / `postgresql://` URL or a `key=value` connection string. Every libpq
    ///     parameter in it is honoured (`sslmode`, `sslrootcert`, `options`, `application_name`,
    ///     `target_session_attrs`, …), as are the `PG*` environment variables for parameters it
    ///     leaves out.
    ///   - defaults: libpq parameters applied unless `url` sets them (such as `connect_timeout`).
    ///   - name: the name of the connection's thread, for debuggers.
    /// - Throws: ``PostgresError`` of kind `.connection` when the server cannot be reached or
    ///   refuses the connection.
    public static func connect(
        url: String, defaults: [String: String] = [:], name: String = "postgres-connection"
    ) async throws -> PostgresConnection {
        // Order matters to libpq: defaults, then the URL (expanded in place of `dbname`), then the
        // settings this client relies on (binary text values are decoded as UTF-8).
        let parameters = defaults.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            + [("dbname", url), ("client_encoding", "UTF8")]
        let thread = ConnectionThread(name: name)
        do {
            let handle = try await thread.run { try PGConnectionHandle.open(parameters) }
            return PostgresConnection(handle: handle, thread: thread)
        } catch {
            thread.stop()
            throw error
        }
    }

    /// Runs `query` and returns its rows.
    ///
    /// Cancelling the calling task cancels the statement on the server (libpq `PQcancel`), so a
    /// request that was abandoned does not keep its connection busy until the statement ends.
    /// - Throws: ``PostgresError``: `.server` with the SQLSTATE when the server refuses the
    ///   statement (57014 when it was cancelled or ran past `statement_timeout`), `.connection`
    ///   when the connection broke; `CancellationError` when the task was cancelled before the
    ///   statement started.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        let cancellation = StatementCancellation()
        return try await withTaskCancellationHandler {
            try await thread.run { [handle] in
                try cancellation.start()
                defer { cancellation.finish() }
                return try handle.execute(query)
            }
        } onCancel: { [handle] in
            // PQcancel blocks for a round trip to the server: never on the cancelling thread,
            // which may be an event loop.
            if cancellation.cancel() {
                DispatchQueue.global().async { cancellation.whileRunning { handle.cancelRunningStatement() } }
            }
        }
    }

    /// Runs constant SQL that may hold several statements (the simple query protocol).
    /// - Important: `sql` must be a constant such as a migration; it can carry no parameters.
    public func executeScript(_ sql: String) async throws {
        try await thread.run { [handle] in try handle.executeScript(sql) }
    }

    /// Whether the connection is open, idle and outside any transaction (no round trip).
    func isHealthy() async -> Bool {
        (try? await thread.run { [handle] in handle.isHealthy() }) ?? false
    }

    /// Ends the connection's thread; the libpq connection closes once no statement uses it.
    func close() {
        thread.stop()
    }
}

/// Whether one statement may still start, is running, or ended, so cancelling a task cancels its
/// statement on the server only while that statement runs (never a later one on the same
/// connection) and keeps one that has not started from starting.
private final class StatementCancellation: Sendable {
    private enum Phase { case pending, running, cancelled, finished }
    private let phase = Mutex(Phase.pending)

    /// Called on the connection's thread just before the statement is sent.
    /// - Throws: `CancellationError` when the task was cancelled first.
    func start() throws {
        try phase.withLock { p in
            if p == .cancelled { throw CancellationError() }
            p = .running
        }
    }

    /// Called on the connection's thread once the statement returned.
    func finish() {
        phase.withLock { $0 = .finished }
    }

    /// Records the cancellation; returns whether a running statement must be cancelled on the server.
    func cancel() -> Bool {
        phase.withLock { p in
            defer { if p == .pending { p = .cancelled } }
            return p == .running
        }
    }

    /// Runs `body` if the statement still runs, holding the statement's end back until `body`
    /// returns, so a cancel request can never reach the connection's next statement.
    func whileRunning(_ body: () -> Void) {
        phase.withLock { p in if p == .running { body() } }
    }
}
