/// A SQL statement and its bind parameters.
///
/// Written as a string literal whose interpolations become parameters, never SQL text:
///
/// ```swift
/// let query: PostgresQuery = "SELECT email FROM users WHERE id = \(.uuid(id.rawValue))"
/// // sql: "SELECT email FROM users WHERE id = $1", binds: [uuid]
/// ```
///
/// Only ``PostgresValue`` can be interpolated, so a `String` cannot be spliced into SQL by mistake.
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The statement text with `$1 … $n` placeholders.
    public var sql: String
    /// The parameters, in placeholder order.
    public var binds: [PostgresValue]
    /// When set, the statement is prepared once per connection under this name and then executed
    /// by name (for hot queries). Every query with one name must have the same SQL.
    public var preparedName: String?

    /// Creates a query from SQL with placeholders and its parameters.
    /// - Important: `sql` must be a constant; values go in `binds`.
    public init(unsafeSQL sql: String, binds: [PostgresValue] = [], preparedName: String? = nil) {
        self.sql = sql
        self.binds = binds
        self.preparedName = preparedName
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// This query, prepared once per connection under `name`.
    public func prepared(as name: String) -> PostgresQuery {
        var copy = self
        copy.preparedName = name
        return copy
    }

    /// Builds SQL text from literal segments and `$n` placeholders.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Appends a placeholder bound to `value`.
        public mutating func appendInterpolation(_ value: PostgresValue) {
            binds.append(value)
            sql += "$\(binds.count)"
        }

        /// Appends constant SQL text such as a shared column list.
        /// - Important: never pass a value here; values go in as ``PostgresValue``s.
        public mutating func appendInterpolation(unsafeSQL fragment: String) {
            sql += fragment
        }
    }
}
