import AuthCore

/// A failure of the PostgreSQL client, and the one place where such failures become `AuthError`s.
///
/// `description` names the kind, SQLSTATE and schema objects only. The server's message text is
/// deliberately not kept: it can quote the values of a row (`Key (email)=(…) already exists`).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable {
        /// The server could not be reached, or the connection broke.
        case connection
        /// The server refused a statement (see ``PostgresError/sqlState``).
        case server
        /// A result could not be decoded into the expected Swift type.
        case decoding
        /// No pooled connection became free within the lease timeout.
        case poolExhausted
        /// The pool has been shut down.
        case poolClosed
    }

    /// The broad kind.
    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// The violated constraint, when the server named one.
    public var constraint: String?
    /// The table involved, when the server named one.
    public var table: String?
    /// Context without values (a column name, a libpq status), for logs.
    public var context: String?

    /// Creates an error.
    public init(_ kind: Kind, sqlState: String? = nil, constraint: String? = nil, table: String? = nil, context: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.table = table
        self.context = context
    }

    /// A column that cannot be decoded, as the `AuthError` row decoders throw (so it needs no
    /// further mapping wherever the row is read).
    static func decoding(column: String, _ problem: String) -> AuthError {
        PostgresError(.decoding, context: "column \(column): \(problem)").authError
    }

    public var description: String {
        var parts = [kind.rawValue]
        if let sqlState { parts.append("sqlstate \(sqlState)") }
        if let constraint { parts.append("constraint \(constraint)") }
        if let table { parts.append("table \(table)") }
        if let context { parts.append(context) }
        return "PostgresError(\(parts.joined(separator: ", ")))"
    }

    /// Whether the connection that produced this error must not be reused.
    var breaksConnection: Bool {
        switch kind {
        case .connection: true
        case .server: sqlState.map(Self.isConnectionState) ?? false
        case .decoding, .poolExhausted, .poolClosed: false
        }
    }

    /// Connection exceptions (08xxx), operator intervention (57P01 admin shutdown, 57P02 crash
    /// shutdown, 57P03 cannot connect now), "too many connections" (53300), and a write refused
    /// because the server is read-only (25006: a standby, or a primary demoted in a failover). The
    /// last one means the connection reaches the wrong server: it is replaced, and a multi-host
    /// `DATABASE_URL` with `target_session_attrs=read-write` then finds the new primary
    /// (docs/operations.md, "Failover").
    static func isConnectionState(_ state: String) -> Bool {
        state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300", "25006"].contains(state)
    }

    /// The `AuthError` this failure means to callers of the store ports.
    var authError: AuthError {
        switch kind {
        case .connection, .poolExhausted, .poolClosed:
            return AuthError(.unavailable, "the database is unavailable", underlying: self)
        case .decoding:
            return AuthError(.internal, underlying: self)
        case .server:
            switch sqlState {
            case "23505"?:
                return AuthError(.conflict, "already exists", underlying: self)
            case "57014"?:
                // statement_timeout, or a statement cancelled because its task was.
                return AuthError(.unavailable, "the database did not answer in time", underlying: self)
            case "23503"?:
                // A foreign key names a row that does not exist (such as a deleted user).
                return AuthError(.notFound, underlying: self)
            case let state? where Self.isConnectionState(state):
                return AuthError(.unavailable, "the database is unavailable", underlying: self)
            default:
                return AuthError(.internal, underlying: self)
            }
        }
    }
}

extension AuthError {
    /// `error` as callers of the pool see it: a ``PostgresError`` becomes its `AuthError`; anything
    /// else (an `AuthError`, cancellation, a caller's own error thrown from a lease) passes unchanged.
    static func postgres(_ error: any Error) -> any Error {
        (error as? PostgresError)?.authError ?? error
    }
}
