import Foundation

/// The `clientDataJSON` a browser or platform made for a ceremony (WebAuthn section 5.8.1).
package struct CollectedClientData: Decodable, Sendable {
    package var type: String
    /// The challenge, base64url without padding.
    package var challenge: String
    package var origin: String
    package var crossOrigin: Bool?
    package var topOrigin: String?

    /// Parses `bytes`.
    /// - Throws: ``WebAuthnFailure/malformed``.
    package static func parse(_ bytes: [UInt8]) throws(WebAuthnFailure) -> CollectedClientData {
        guard bytes.count <= 8 * 1024, let data = try? JSONDecoder().decode(Self.self, from: Data(bytes)) else {
            throw .malformed
        }
        return data
    }
}
