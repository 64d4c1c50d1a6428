import Crypto
import Foundation

/// The private half of a token-signing key, opened: signs JWS signing input.
enum SigningPrivateKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// A fresh key for `algorithm` (not HS256).
    static func generate(for algorithm: TokenAlgorithm) -> SigningPrivateKey {
        switch algorithm {
        case .edDSA: .ed25519(Curve25519.Signing.PrivateKey())
        case .es256, .hs256, .rs256: .p256(P256.Signing.PrivateKey())
        }
    }

    /// Reads a raw private key.
    init(raw: [UInt8], algorithm: TokenAlgorithm) throws {
        switch algorithm {
        case .edDSA: self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
        case .es256, .hs256, .rs256: self = .p256(try P256.Signing.PrivateKey(rawRepresentation: raw))
        }
    }

    var raw: [UInt8] {
        switch self {
        case .p256(let key): Array(key.rawRepresentation)
        case .ed25519(let key): Array(key.rawRepresentation)
        }
    }

    var publicKey: SigningPublicKey {
        switch self {
        case .p256(let key): .p256(key.publicKey)
        case .ed25519(let key): .ed25519(key.publicKey)
        }
    }

    /// The JWS signature of `input` (ES256: r ‖ s, 64 bytes; EdDSA: 64 bytes).
    func sign(_ input: [UInt8]) throws -> [UInt8] {
        switch self {
        case .p256(let key): Array(try key.signature(for: input).rawRepresentation)
        case .ed25519(let key): Array(try key.signature(for: input))
        }
    }
}

/// The public half of a token-signing key: verifies signatures and renders as a JWK.
enum SigningPublicKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    /// Reads a raw public key (P-256: x ‖ y; Ed25519: 32 bytes).
    init(raw: [UInt8], algorithm: TokenAlgorithm) throws {
        switch algorithm {
        case .edDSA: self = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: raw))
        case .es256, .hs256, .rs256: self = .p256(try P256.Signing.PublicKey(rawRepresentation: raw))
        }
    }

    var raw: [UInt8] {
        switch self {
        case .p256(let key): Array(key.rawRepresentation)
        case .ed25519(let key): Array(key.rawRepresentation)
        }
    }

    /// Whether `signature` is this key's over `input`.
    func isValid(_ signature: [UInt8], for input: [UInt8]) -> Bool {
        switch self {
        case .p256(let key):
            guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: input)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: input)
        }
    }

    /// The key as a JWK (RFC 7517; RFC 8037 for Ed25519) with its `kid`.
    func jwk(kid: String) -> [String: String] {
        switch self {
        case .p256(let key):
            let raw = Array(key.rawRepresentation)
            return [
                "kty": "EC", "crv": "P-256", "x": Base64URL.encode(raw[0..<32]), "y": Base64URL.encode(raw[32..<64]),
                "kid": kid, "alg": "ES256", "use": "sig",
            ]
        case .ed25519(let key):
            return [
                "kty": "OKP", "crv": "Ed25519", "x": Base64URL.encode(key.rawRepresentation), "kid": kid, "alg": "EdDSA",
                "use": "sig",
            ]
        }
    }
}
