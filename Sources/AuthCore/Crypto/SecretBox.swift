import Crypto
import Foundation

/// Seals small secrets for storage (AES-256-GCM) under a key derived from a configured secret,
/// each bound to what it belongs to: a sealed value copied onto another row, or another user,
/// does not open.
///
/// A wrong key is detected, never guessed around: ``open(_:boundTo:)`` throws, and a host can
/// call it once at start-up on a stored value to refuse to run with a lost or changed key.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    /// Derives the key from `secret` with HKDF-SHA256 and `purpose` as its label, so boxes for
    /// different purposes never share a key even under one configured secret.
    /// - Throws: `AuthError(.invalidRequest)` for a secret shorter than 32 bytes.
    public init(secret: [UInt8], purpose: String) throws {
        guard secret.count >= 32 else { throw AuthError.invalidRequest("the encryption key must be at least 32 bytes") }
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array(purpose.utf8), outputByteCount: 32)
    }

    /// `plaintext` sealed (nonce ‖ ciphertext ‖ tag), authenticated together with `binding`.
    public func seal(_ plaintext: [UInt8], boundTo binding: String) throws -> [UInt8] {
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: Array(binding.utf8)).combined
            else { throw AuthError(.internal, "AES-GCM produced no combined form") }
            return Array(combined)
        } catch let error as AuthError {
            throw error
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }

    /// The plaintext of `sealed`.
    /// - Throws: `AuthError(.internal)` when it was sealed under another key or binding, or altered.
    public func open(_ sealed: [UInt8], boundTo binding: String) throws -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(binding.utf8)))
        } catch {
            throw AuthError(.internal, "a sealed secret does not open with the configured key (was the key changed?)",
                            underlying: error)
        }
    }
}
