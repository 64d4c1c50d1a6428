import Crypto

/// A Proof Key for Code Exchange pair (RFC 7636) with the `S256` method.
///
/// The verifier stays on the server (inside the stored sign-in state); only its SHA-256 challenge
/// travels through the browser. A stolen authorisation code is then useless without the verifier,
/// which the token endpoint demands.
public struct PKCE: Hashable, Sendable {
    /// The only method offered: `plain` would send the verifier itself through the browser.
    public static let method = "S256"

    /// The secret verifier: 43 characters of base64url (32 random bytes).
    public let verifier: String

    /// Wraps an existing verifier (for example one read back from the state store).
    public init(verifier: String) { self.verifier = verifier }

    /// A fresh verifier of 32 bytes from `random`.
    /// - Important: `random` must be a CSPRNG outside tests.
    public init(random: any RandomSource) { self.verifier = Base64URL.encode(random.bytes(32)) }

    /// `BASE64URL(SHA256(verifier))`, sent as `code_challenge`.
    public var challenge: String { Self.challenge(for: verifier) }

    /// The S256 challenge of `verifier`.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }
}
