import Foundation

/// One bind parameter: a PostgreSQL type OID and the value in the binary wire format.
///
/// Values only ever reach the server this way (as `$n` parameters of an extended-protocol
/// statement), never spliced into SQL text. Binary encoding avoids any dependence on server
/// settings such as `DateStyle` and carries timestamps with exact microsecond precision.
public struct PostgresValue: Sendable, Hashable {
    /// The parameter's type OID (the server infers the type when 0).
    public let oid: UInt32
    /// The binary encoding, or `nil` for SQL NULL.
    public let bytes: [UInt8]?

    /// Creates a raw value. Prefer the typed constructors.
    public init(oid: UInt32, bytes: [UInt8]?) {
        self.oid = oid
        self.bytes = bytes
    }

    /// A typed NULL (keeps a prepared statement's parameter types stable).
    public static func null(_ oid: UInt32 = 0) -> PostgresValue { PostgresValue(oid: oid, bytes: nil) }

    /// A `text` value; `nil` is a typed NULL.
    public static func text(_ value: String?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.text, bytes: value.map { Array($0.utf8) })
    }

    /// An `int8` value; `nil` is a typed NULL.
    public static func int(_ value: Int?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.int8, bytes: value.map { bigEndian(Int64($0)) })
    }

    /// A `bool` value; `nil` is a typed NULL.
    public static func bool(_ value: Bool?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.bool, bytes: value.map { [$0 ? 1 : 0] })
    }

    /// A `uuid` value; `nil` is a typed NULL.
    public static func uuid(_ value: UUID?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.uuid, bytes: value.map { u in withUnsafeBytes(of: u.uuid) { Array($0) } })
    }

    /// A `bytea` value; `nil` is a typed NULL.
    public static func bytea(_ value: [UInt8]?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.bytea, bytes: value)
    }

    /// A `jsonb` value from JSON text; `nil` is a typed NULL.
    public static func jsonb(_ json: String?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.jsonb, bytes: json.map { [1] + Array($0.utf8) })
    }

    /// A `timestamptz` value with microsecond precision; `nil` is a typed NULL.
    ///
    /// Dates with whole-second or millisecond precision read back exactly equal (see
    /// ``PostgresTimestamp``).
    public static func timestamp(_ value: Date?) -> PostgresValue {
        PostgresValue(oid: PostgresOID.timestamptz, bytes: value.map { bigEndian(PostgresTimestamp.microseconds(from: $0)) })
    }

    static func bigEndian(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}

/// The type OIDs this client encodes and decodes.
public enum PostgresOID {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let timestamptz: UInt32 = 1184
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
}

/// Conversion between `Date` and PostgreSQL's binary `timestamptz` (microseconds since
/// 2000-01-01 00:00:00 UTC).
///
/// Both directions go through `Date.timeIntervalSinceReferenceDate` (the value `Date` stores) and
/// an integer count of microseconds, so a `Date` built by adding whole or millisecond intervals, or
/// parsed from RFC 3339 text, decodes to the identical `Date`.
public enum PostgresTimestamp {
    /// Seconds from 2000-01-01 (PostgreSQL's epoch) to 2001-01-01 (Foundation's reference date).
    static let epochOffsetMicroseconds: Int64 = 31_622_400 * 1_000_000

    /// Microseconds since PostgreSQL's epoch, rounded to the nearest microsecond.
    public static func microseconds(from date: Date) -> Int64 {
        Int64((date.timeIntervalSinceReferenceDate * 1_000_000).rounded()) + epochOffsetMicroseconds
    }

    /// The `Date` for microseconds since PostgreSQL's epoch (`infinity` maps to the distant dates).
    public static func date(fromMicroseconds micros: Int64) -> Date {
        if micros == .max { return .distantFuture }
        if micros == .min { return .distantPast }
        return Date(timeIntervalSinceReferenceDate: Double(micros - epochOffsetMicroseconds) / 1_000_000)
    }
}
