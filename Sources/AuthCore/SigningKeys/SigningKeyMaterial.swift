import Crypto
import Foundation
import _CryptoExtras

/// The private half of a token-signing key, opened: signs JWS signing input.
enum SigningPrivateKey: Sendable {
    case p256(P256.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)
    case rsa(_RSA.Signing.PrivateKey)

    /// A fresh key for `algorithm` (not HS256).
    static func generate(for algorithm: TokenAlgorithm) throws -> SigningPrivateKey {
        switch algorithm {
        case .edDSA: .ed25519(Curve25519.Signing.PrivateKey())
        case .es256, .hs256: .p256(P256.Signing.PrivateKey())
        case .rs256: .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        }
    }

    /// Reads a raw private key (RSA: DER).
    init(raw: [UInt8], algorithm: TokenAlgorithm) throws {
        switch algorithm {
        case .edDSA: self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: raw))
        case .es256, .hs256: self = .p256(try P256.Signing.PrivateKey(rawRepresentation: raw))
        case .rs256: self = .rsa(try _RSA.Signing.PrivateKey(derRepresentation: raw))
        }
    }

    var raw: [UInt8] {
        switch self {
        case .p256(let key): Array(key.rawRepresentation)
        case .ed25519(let key): Array(key.rawRepresentation)
        case .rsa(let key): Array(key.derRepresentation)
        }
    }

    var publicKey: SigningPublicKey {
        switch self {
        case .p256(let key): .p256(key.publicKey)
        case .ed25519(let key): .ed25519(key.publicKey)
        case .rsa(let key): .rsa(key.publicKey)
        }
    }

    /// The JWS signature of `input` (ES256: r ‖ s, 64 bytes; EdDSA: 64 bytes; RS256: PKCS #1
    /// v1.5 over SHA-256, as long as the modulus).
    func sign(_ input: [UInt8]) throws -> [UInt8] {
        switch self {
        case .p256(let key): Array(try key.signature(for: input).rawRepresentation)
        case .ed25519(let key): Array(try key.signature(for: input))
        case .rsa(let key): Array(try key.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }
}

/// The public half of a token-signing key: verifies signatures and renders as a JWK.
enum SigningPublicKey: Sendable {
    case p256(P256.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey)

    /// Reads a raw public key (P-256: x ‖ y; Ed25519: 32 bytes; RSA: DER).
    init(raw: [UInt8], algorithm: TokenAlgorithm) throws {
        switch algorithm {
        case .edDSA: self = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: raw))
        case .es256, .hs256: self = .p256(try P256.Signing.PublicKey(rawRepresentation: raw))
        case .rs256: self = .rsa(try _RSA.Signing.PublicKey(derRepresentation: raw))
        }
    }

    var raw: [UInt8] {
        switch self {
        case .p256(let key): Array(key.rawRepresentation)
        case .ed25519(let key): Array(key.rawRepresentation)
        case .rsa(let key): Array(key.derRepresentation)
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
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: input, padding: .insecurePKCS1v1_5)
        }
    }

    /// The key as a JWK (RFC 7517; RFC 7518 for RSA; RFC 8037 for Ed25519) with its `kid`.
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
        case .rsa(let key):
            // A key this process made or read always has its primitives; a failure would be a bug.
            guard let primitives = try? key.getKeyPrimitives() else { return ["kty": "RSA", "kid": kid] }
            return [
                "kty": "RSA", "n": Base64URL.encode(Self.unsigned(primitives.modulus)),
                "e": Base64URL.encode(Self.unsigned(primitives.publicExponent)), "kid": kid, "alg": "RS256", "use": "sig",
            ]
        }
    }

    /// A big-endian integer without leading zero bytes (RFC 7518 section 6.3.1).
    private static func unsigned(_ bytes: Data) -> [UInt8] {
        let array = Array(bytes)
        return Array(array.drop { $0 == 0 }).isEmpty ? [0] : Array(array.drop { $0 == 0 })
    }
}
