import Foundation

/// An asymmetric token-signing key (docs/tokens.md), as stored: the public half in the clear,
/// the private half sealed under the encryption key.
///
/// Its life: `next` (published in the JWKS, not yet signing) → `current` (signs) → `previous`
/// (published until the tokens it signed have expired) → `retired` (refused).
public struct SigningKey: Hashable, Sendable {
    /// The state of a key in its rotation.
    public enum State: String, Hashable, Sendable, CaseIterable {
        case next, current, previous, retired
    }

    /// The key id (`kid`), unique.
    public var kid: String
    /// `ES256` or `EdDSA`.
    public var algorithm: TokenAlgorithm
    public var state: State
    /// The raw public key (P-256: x ‖ y; Ed25519: 32 bytes).
    public var publicKey: [UInt8]
    /// The private key, sealed with AES-GCM and bound to its `kid`.
    public var sealedPrivateKey: [UInt8]
    /// When the key was made.
    public var createdAt: Date
    /// When it entered its ``state``.
    public var stateChangedAt: Date

    /// Creates a key record.
    public init(
        kid: String, algorithm: TokenAlgorithm, state: State, publicKey: [UInt8], sealedPrivateKey: [UInt8],
        createdAt: Date, stateChangedAt: Date? = nil
    ) {
        self.kid = kid
        self.algorithm = algorithm
        self.state = state
        self.publicKey = publicKey
        self.sealedPrivateKey = sealedPrivateKey
        self.createdAt = createdAt
        self.stateChangedAt = stateChangedAt ?? createdAt
    }

    /// Whether tokens signed with it are accepted and it is in the JWKS.
    public var isPublished: Bool { state != .retired }
}

/// The JWS algorithm session tokens are signed with (`JWT_ALG`).
public enum TokenAlgorithm: String, Hashable, Sendable, CaseIterable {
    /// HMAC-SHA256 with the shared secret (the seed's; other services need the secret to verify).
    case hs256 = "HS256"
    /// ECDSA P-256 with SHA-256, keys in the store, published as a JWKS.
    case es256 = "ES256"
    /// Ed25519, keys in the store, published as a JWKS.
    case edDSA = "EdDSA"
    /// RSASSA-PKCS1-v1_5 with SHA-256: ID tokens for OpenID clients that expect it.
    case rs256 = "RS256"
}
