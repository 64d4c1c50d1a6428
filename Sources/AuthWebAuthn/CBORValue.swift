/// One decoded CBOR data item (RFC 8949), limited to what WebAuthn attestation objects and COSE
/// keys use: integers, byte and text strings, arrays, maps and the simple values.
package enum CBORValue: Hashable, Sendable {
    case unsigned(UInt64)
    /// A negative integer `-1 - n`, carrying `n` (major type 1).
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBORValue])
    /// Entries in their encoded order; keys are unique (the decoder refuses duplicates).
    case map([(key: CBORValue, value: CBORValue)])
    case bool(Bool)
    case null
    case undefined

    /// The value as an `Int`, when it is an integer that fits.
    package var int: Int? {
        switch self {
        case .unsigned(let n): n <= UInt64(Int.max) ? Int(n) : nil
        case .negative(let n): n < UInt64(Int.max) ? -1 - Int(n) : nil
        default: nil
        }
    }

    package var bytes: [UInt8]? { if case .bytes(let b) = self { b } else { nil } }
    package var text: String? { if case .text(let t) = self { t } else { nil } }
    package var mapEntries: [(key: CBORValue, value: CBORValue)]? { if case .map(let m) = self { m } else { nil } }

    /// The value under `key` in a map (`nil` for other values or a missing key).
    package subscript(key: CBORValue) -> CBORValue? {
        mapEntries?.first { $0.key == key }?.value
    }

    /// The value under the integer key `key` (COSE labels).
    package subscript(int key: Int) -> CBORValue? {
        mapEntries?.first { $0.key.int == key }?.value
    }

    /// The value under the text key `key` (attestation object members).
    package subscript(text key: String) -> CBORValue? {
        mapEntries?.first { $0.key.text == key }?.value
    }

    package static func == (lhs: CBORValue, rhs: CBORValue) -> Bool {
        switch (lhs, rhs) {
        case (.unsigned(let a), .unsigned(let b)), (.negative(let a), .negative(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null), (.undefined, .undefined): true
        default: false
        }
    }

    package func hash(into hasher: inout Hasher) {
        switch self {
        case .unsigned(let n): hasher.combine(0); hasher.combine(n)
        case .negative(let n): hasher.combine(1); hasher.combine(n)
        case .bytes(let b): hasher.combine(2); hasher.combine(b)
        case .text(let t): hasher.combine(3); hasher.combine(t)
        case .array(let a): hasher.combine(4); hasher.combine(a)
        case .map(let m): hasher.combine(5); for entry in m { hasher.combine(entry.key); hasher.combine(entry.value) }
        case .bool(let b): hasher.combine(6); hasher.combine(b)
        case .null: hasher.combine(7)
        case .undefined: hasher.combine(8)
        }
    }
}
