import Crypto
import Foundation

/// Hashes one-time codes with HMAC-SHA256 under a server key, so a leaked database row does not
/// reveal (or let anyone brute-force offline) a live code.
public struct CodeHasher: Sendable {
    private let key: SymmetricKey

    /// Creates a hasher.
    /// - Parameter key: at least 32 bytes of secret key material.
    /// - Throws: `AuthError(.invalidRequest)` when the key is shorter than 32 bytes.
    public init(key: [UInt8]) throws {
        guard key.count >= 32 else { throw AuthError.invalidRequest("the code key must be at least 32 bytes") }
        self.key = SymmetricKey(data: key)
    }

    /// The stored form of `code` for a verification row. Binding the row id and purpose into the
    /// MAC means one row's hash is worthless for any other row.
    public func hash(code: String, id: VerificationID, purpose: VerificationPurpose) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("\(purpose.rawValue)\u{0}\(id)\u{0}\(code)".utf8))
        return Array(hmac.finalize())
    }

    /// A keyed tag of `text` (hex): names a decoy's address in storage without storing it.
    public func tag(_ text: String) -> String {
        var hmac = HMAC<SHA256>(key: key)
        hmac.update(data: Array("decoy\u{0}\(text)".utf8))
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

extension CodeHasher {
    /// Derives a code key from a master secret with HKDF-SHA256, so one configured secret can
    /// serve both JWT signing and code hashing without the same key doing two jobs.
    public static func deriveKey(fromSecret secret: [UInt8]) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array("swift-auth one-time code hmac v1".utf8),
            outputByteCount: 32)
        return key.withUnsafeBytes { Array($0) }
    }
}
