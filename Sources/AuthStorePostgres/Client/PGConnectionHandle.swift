import CLibPQ
import Foundation

/// Owns one libpq `PGconn*` and performs the blocking calls on it.
///
/// `@unchecked Sendable` because the pointer and `preparedNames` are touched only from jobs on the
/// owning connection's ``ConnectionThread`` (one job at a time), and from `deinit`, which runs
/// once no job holds a reference any more. The one exception is `cancelToken`, made once when the
/// connection opens and then used only by `PQcancel`, which libpq documents as safe to call from
/// any thread while another one runs a statement.
final class PGConnectionHandle: @unchecked Sendable {
    private let connection: OpaquePointer
    /// libpq's `PGcancel` for this connection (`nil` if libpq could not make one).
    private let cancelToken: OpaquePointer?
    /// Statements prepared on this connection (``PostgresQuery/preparedName``).
    private var preparedNames: Set<String> = []

    private init(_ connection: OpaquePointer) {
        self.connection = connection
        self.cancelToken = PQgetCancel(connection)
    }

    deinit {
        if let cancelToken { PQfreeCancel(cancelToken) }
        PQfinish(connection)
    }

    /// Asks the server to cancel the statement this connection is running, if any (blocking: it
    /// opens a short connection of its own). The statement then fails with SQLSTATE 57014 and the
    /// connection stays usable. Safe from any thread.
    func cancelRunningStatement() {
        guard let cancelToken else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelToken, &message, Int32(message.count))
    }

    /// Opens a connection (blocking).
    ///
    /// `parameters` are libpq keyword/value pairs; the pair whose key is `dbname` may hold a whole
    /// URL or connection string, which libpq expands in place. Pairs later in the list override
    /// earlier ones, so defaults go before the URL and enforced settings after it.
    static func open(_ parameters: [(String, String)]) throws -> PGConnectionHandle {
        let keys = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let connection = (keys.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keyPointers in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valuePointers in
                PQconnectdbParams(keyPointers.baseAddress, valuePointers.baseAddress, 1)
            }
        }
        guard let connection else { throw PostgresError(.connection, context: "libpq could not allocate a connection") }
        let handle = PGConnectionHandle(connection)
        guard PQstatus(connection) == CONNECTION_OK else { throw handle.connectionError() }
        // libpq prints server notices ("relation … already exists, skipping") to stderr by
        // default; a server's stderr is its log, so drop them.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return handle
    }

    /// Whether the connection is open, idle and outside a transaction. Reads (without blocking)
    /// anything the server sent while the connection sat in the pool, so a server that restarted
    /// or closed the socket is noticed here rather than by the next query.
    func isHealthy() -> Bool {
        guard PQstatus(connection) == CONNECTION_OK else { return false }
        for _ in 0..<2 where PQconsumeInput(connection) == 1 {
            _ = PQisBusy(connection)
        }
        return PQstatus(connection) == CONNECTION_OK && PQtransactionStatus(connection) == PQTRANS_IDLE
    }

    /// Runs `query` with binary parameters and binary results (blocking).
    func execute(_ query: PostgresQuery) throws -> PostgresQueryResult {
        var buffer: [UInt8] = [0]  // never empty, so a zero-length value still gets a pointer
        var offsets: [Int?] = []
        for bind in query.binds {
            if let bytes = bind.bytes {
                offsets.append(buffer.count)
                buffer += bytes
            } else {
                offsets.append(nil)
            }
        }
        let count = Int32(query.binds.count)
        let types = query.binds.map { Oid($0.oid) }
        let lengths = query.binds.map { Int32($0.bytes?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: query.binds.count)
        if let name = query.preparedName, !preparedNames.contains(name) {
            _ = try consume(PQprepare(connection, name, query.sql, count, types))
            preparedNames.insert(name)
        }
        let result = buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { chars.baseAddress! + $0 } }
                if let name = query.preparedName {
                    return PQexecPrepared(connection, name, count, values, lengths, formats, 1)
                }
                return PQexecParams(connection, query.sql, count, types, values, lengths, formats, 1)
            }
        }
        do {
            return try consume(result)
        } catch let error as PostgresError where error.sqlState == "26000" {
            // The statement vanished (a pooler's DISCARD ALL); prepare it again next time.
            query.preparedName.map { _ = preparedNames.remove($0) }
            throw error
        }
    }

    /// Runs constant SQL (possibly several statements, no parameters) with the simple protocol.
    /// - Important: for migrations only: `sql` must never contain values.
    func executeScript(_ sql: String) throws {
        _ = try consume(PQexec(connection, sql))
    }

    private func consume(_ result: OpaquePointer?) throws -> PostgresQueryResult {
        guard let result else { throw connectionError() }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return Self.decode(result)
        default:
            throw serverError(result)
        }
    }

    private static func decode(_ result: OpaquePointer) -> PostgresQueryResult {
        let fields = PQnfields(result), tuples = PQntuples(result)
        let columns = PostgresRow.Columns(
            names: (0..<fields).map { String(cString: PQfname(result, $0)) },
            oids: (0..<fields).map { UInt32(PQftype(result, $0)) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(tuples))
        for row in 0..<tuples {
            let values: [[UInt8]?] = (0..<fields).map { field in
                if PQgetisnull(result, row, field) == 1 { return nil }
                let length = Int(PQgetlength(result, row, field))
                return PQgetvalue(result, row, field).withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? rows.count
        return PostgresQueryResult(rows: rows, affectedRows: affected)
    }

    private func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        guard let state = field("C") else { return connectionError() }
        if PQstatus(connection) != CONNECTION_OK { return connectionError(sqlState: state) }
        return PostgresError(.server, sqlState: state, constraint: field("n"), table: field("t"))
    }

    /// libpq's message for a connection failure: host, port and the reason, never row values.
    private func connectionError(sqlState: String? = nil) -> PostgresError {
        let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let line = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? "connection failed"
        return PostgresError(.connection, sqlState: sqlState, context: line)
    }
}
