import Foundation

/// The rows and row count of one executed statement, copied out of libpq's result.
public struct PostgresQueryResult: Sendable {
    /// The rows returned (empty for statements without `RETURNING`).
    public var rows: [PostgresRow]
    /// The number of rows the statement affected or returned (`PQcmdTuples`).
    public var affectedRows: Int
}

/// One result row in binary format, decoded by column name and expected type.
///
/// Decoders throw `AuthError(.internal)` on a NULL, missing or mistyped column. They check the column's type OID, so a schema change surfaces as a clear error instead of
/// misread bytes.
public struct PostgresRow: Sendable {
    /// Column names and type OIDs, shared by every row of a result.
    final class Columns: Sendable {
        let names: [String]
        let oids: [UInt32]
        let indexByName: [String: Int]

        init(names: [String], oids: [UInt32]) {
            self.names = names
            self.oids = oids
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            self.indexByName = index
        }
    }

    let columns: Columns
    let values: [[UInt8]?]

    private func raw(_ name: String, _ accepted: [UInt32]) throws -> [UInt8]? {
        guard let index = columns.indexByName[name] else { throw PostgresError.decoding(column: name, "no such column") }
        guard accepted.contains(columns.oids[index]) else {
            throw PostgresError.decoding(column: name, "unexpected type oid \(columns.oids[index])")
        }
        return values[index]
    }

    private func required(_ name: String, _ accepted: [UInt32]) throws -> [UInt8] {
        guard let bytes = try raw(name, accepted) else { throw PostgresError.decoding(column: name, "unexpected NULL") }
        return bytes
    }

    /// Whether the column `name` is NULL.
    public func isNull(_ name: String) throws -> Bool {
        guard let index = columns.indexByName[name] else { throw PostgresError.decoding(column: name, "no such column") }
        return values[index] == nil
    }

    /// A `text`, `varchar`, `name` or `char` column.
    public func string(_ name: String) throws -> String {
        String(decoding: try required(name, Self.textOIDs), as: UTF8.self)
    }

    /// A nullable text column.
    public func optionalString(_ name: String) throws -> String? {
        try raw(name, Self.textOIDs).map { String(decoding: $0, as: UTF8.self) }
    }

    /// An `int2`, `int4` or `int8` column.
    public func int(_ name: String) throws -> Int {
        let bytes = try required(name, [PostgresOID.int2, PostgresOID.int4, PostgresOID.int8, PostgresOID.oid])
        guard [2, 4, 8].contains(bytes.count) else { throw PostgresError.decoding(column: name, "bad integer width") }
        var value: Int64 = bytes[0] & 0x80 != 0 && bytes.count < 8 ? -1 : 0
        for byte in bytes { value = value << 8 | Int64(byte) }
        return Int(value)
    }

    /// A `bool` column.
    public func bool(_ name: String) throws -> Bool {
        let bytes = try required(name, [PostgresOID.bool])
        guard bytes.count == 1 else { throw PostgresError.decoding(column: name, "bad bool width") }
        return bytes[0] != 0
    }

    /// A `uuid` column.
    public func uuid(_ name: String) throws -> UUID {
        try Self.uuid(try required(name, [PostgresOID.uuid]), column: name)
    }

    /// A nullable `uuid` column.
    public func optionalUUID(_ name: String) throws -> UUID? {
        try raw(name, [PostgresOID.uuid]).map { try Self.uuid($0, column: name) }
    }

    /// A `timestamptz` column.
    public func date(_ name: String) throws -> Date {
        try Self.date(try required(name, [PostgresOID.timestamptz]), column: name)
    }

    /// A nullable `timestamptz` column.
    public func optionalDate(_ name: String) throws -> Date? {
        try raw(name, [PostgresOID.timestamptz]).map { try Self.date($0, column: name) }
    }

    /// A `bytea` column.
    public func bytes(_ name: String) throws -> [UInt8] {
        try required(name, [PostgresOID.bytea])
    }

    private static let textOIDs = [PostgresOID.text, PostgresOID.varchar, PostgresOID.name, PostgresOID.bpchar]

    private static func uuid(_ b: [UInt8], column: String) throws -> UUID {
        guard b.count == 16 else { throw PostgresError.decoding(column: column, "bad uuid width") }
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    private static func date(_ b: [UInt8], column: String) throws -> Date {
        guard b.count == 8 else { throw PostgresError.decoding(column: column, "bad timestamp width") }
        let micros = b.reduce(Int64(0)) { $0 << 8 | Int64($1) }
        return PostgresTimestamp.date(fromMicroseconds: micros)
    }
}
