import Foundation

/// Seals mail for storage: a durable outbox keeps messages (and the one-time codes they carry)
/// only as AES-256-GCM ciphertext under a key derived from a server secret, so a database dump or
/// backup does not hold live codes.
public struct MailSealer: Sendable {
    private let box: SecretBox

    /// Derives the key from `secret` (HKDF-SHA256 with its own label, so it differs from every
    /// other key derived from the same secret).
    /// - Throws: `AuthError(.invalidRequest)` for a secret shorter than 32 bytes.
    public init(secret: [UInt8]) throws {
        guard secret.count >= 32 else { throw AuthError.invalidRequest("the outbox secret must be at least 32 bytes") }
        box = try SecretBox(secret: secret, purpose: "swift-auth mail outbox v1")
    }

    /// `message` as base64 ciphertext (nonce, ciphertext and tag).
    public func seal(_ message: MailMessage) throws -> String {
        let plain: Data
        do { plain = try JSONEncoder().encode(message) } catch { throw AuthError(.internal, underlying: error) }
        return Data(try box.seal(Array(plain), boundTo: "")).base64EncodedString()
    }

    /// The message sealed in `text`.
    /// - Throws: `AuthError(.internal)` when it was sealed under another key or altered.
    public func open(_ text: String) throws -> MailMessage {
        guard let data = Data(base64Encoded: text) else { throw AuthError(.internal, "a sealed message is not base64") }
        let plain = try box.open(Array(data), boundTo: "")
        do {
            return try JSONDecoder().decode(MailMessage.self, from: Data(plain))
        } catch {
            throw AuthError(.internal, "a sealed message cannot be decoded", underlying: error)
        }
    }
}
