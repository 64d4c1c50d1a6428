import Crypto
import _CryptoExtras

/// A credential public key in COSE form (RFC 9052/9053, the WebAuthn `credentialPublicKey`), for
/// the algorithms this relying party accepts.
package struct COSEKey: Sendable {
    /// The COSE algorithm identifiers accepted, in the order offered to authenticators.
    package enum Algorithm: Int, CaseIterable, Sendable {
        case es256 = -7
        case edDSA = -8
        case rs256 = -257
    }

    private enum Key: Sendable {
        case p256(P256.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
    }

    package let algorithm: Algorithm
    private let key: Key

    /// Parses `bytes`, a COSE_Key map.
    /// - Throws: ``WebAuthnFailure/malformed`` for bad CBOR; ``WebAuthnFailure/algorithm`` for a
    ///   key type, curve or algorithm not accepted, or a key that does not parse.
    package init(bytes: [UInt8]) throws(WebAuthnFailure) {
        let value: CBORValue
        do { value = try CBORDecoder().decode(bytes) } catch { throw .malformed }
        try self.init(value)
    }

    package init(_ map: CBORValue) throws(WebAuthnFailure) {
        guard map.mapEntries != nil, let kty = map[int: 1]?.int, let alg = map[int: 3]?.int else { throw .malformed }
        guard let algorithm = Algorithm(rawValue: alg) else { throw .algorithm }
        self.algorithm = algorithm
        switch (algorithm, kty) {
        case (.es256, 2):  // EC2, P-256, uncompressed x and y
            guard map[int: -1]?.int == 1, let x = map[int: -2]?.bytes, let y = map[int: -3]?.bytes,
                  x.count == 32, y.count == 32,
                  let key = try? P256.Signing.PublicKey(x963Representation: [0x04] + x + y)
            else { throw .algorithm }
            self.key = .p256(key)
        case (.edDSA, 1):  // OKP, Ed25519
            guard map[int: -1]?.int == 6, let x = map[int: -2]?.bytes,
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: x)
            else { throw .algorithm }
            self.key = .ed25519(key)
        case (.rs256, 3):  // RSA, n and e
            guard let n = map[int: -1]?.bytes, let e = map[int: -2]?.bytes,
                  let key = try? _RSA.Signing.PublicKey(n: n, e: e), key.keySizeInBits >= 2048
            else { throw .algorithm }
            self.key = .rsa(key)
        default: throw .algorithm
        }
    }

    /// Whether `signature` signs `data` under this key with the key's algorithm.
    package func isValidSignature(_ signature: [UInt8], for data: [UInt8]) -> Bool {
        switch key {
        case .p256(let key):
            // WebAuthn ES256 signatures are ASN.1 DER, not raw r||s.
            guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return key.isValidSignature(parsed, for: SHA256.hash(data: data))
        case .ed25519(let key):
            return key.isValidSignature(signature, for: data)
        case .rsa(let key):
            return key.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: data),
                padding: .insecurePKCS1v1_5)
        }
    }
}
