import Foundation

/// One PostgreSQL connection over libpq, with its own thread for the blocking calls.
///
/// Usually leased from a ``PostgresConnectionPool`` rather than made directly. A connection runs one
/// statement at a time; calls from several tasks queue on its thread.
public final class PostgresConnection: Sendable {
    private let handle: PGConnectionHandle
    private let thread: ConnectionThread

    private init(handle: PGConnectionHandle, thread: ConnectionThread) {
        self.handle = handle
        self.thread = thread
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
    /// - Throws: ``PostgresError``: `.server` with the SQLSTATE when the server refuses the
    ///   statement, `.connection` when the connection broke.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresQueryResult {
        try await thread.run { [handle] in try handle.execute(query) }
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
