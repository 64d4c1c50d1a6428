import Foundation

/// A JSON value of a custom token claim (``AuthHooks/customClaims``).
public indirect enum ClaimValue: Hashable, Sendable, Codable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([ClaimValue])
    case object([String: ClaimValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ClaimValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ClaimValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// The claims a custom-claims hook can never set: the ones a token's checks and its holder's
/// identity rest on.
public enum ReservedClaims {
    /// Dropped from every hook's answer.
    public static let names: Set<String> = [
        "sub", "sid", "aal", "amr", "exp", "iat", "nbf", "iss", "aud", "jti", "auth_time", "azp", "nonce",
        "acr", "at_hash", "c_hash", "typ", "scope", "client_id", "cnf",
    ]

    /// `claims` without the reserved names, and without names longer than 64 characters.
    public static func removing(from claims: [String: ClaimValue]) -> [String: ClaimValue] {
        claims.filter { !names.contains($0.key) && !$0.key.isEmpty && $0.key.count <= 64 }
    }
}
