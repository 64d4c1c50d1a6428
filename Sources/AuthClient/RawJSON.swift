import Foundation

/// Any JSON value, kept as it was: the WebAuthn options authd sends and the credential the
/// platform gives back (docs/passkeys.md), which the client passes through without reading.
///
/// Make one from the platform's bytes with ``init(data:)``; hand options on with ``data()``.
public enum RawJSON: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    /// A whole number (`timeout`, `alg`), kept exact.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([RawJSON])
    case object([String: RawJSON])

    /// Parses `data` (a JSON text).
    /// - Throws: `DecodingError` when it is not JSON.
    public init(data: Data) throws {
        self = try JSONDecoder().decode(RawJSON.self, from: data)
    }

    /// The JSON text, e.g. for `PublicKeyCredential.parseCreationOptionsFromJSON` in a web view or
    /// for building an `ASAuthorization` request.
    public func data() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The member `key` of an object (`nil` for anything else or a missing key).
    public subscript(key: String) -> RawJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RawJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: RawJSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension RawJSON: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
    /// A string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An object.
    public init(dictionaryLiteral elements: (String, RawJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// An array.
    public init(arrayLiteral elements: RawJSON...) { self = .array(elements) }
}
