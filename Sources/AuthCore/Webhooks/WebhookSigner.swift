import Crypto
import Foundation

/// Signs webhook and hook requests as Standard Webhooks do: `webhook-signature` is `v1,` and the
/// base64 HMAC-SHA256, under the secret's bytes, of `"<webhook-id>.<webhook-timestamp>.<body>"`
/// (docs/webhooks.md, "Verifying a delivery").
public struct WebhookSigner: Sendable {
    private let key: SymmetricKey

    /// The prefix of a secret's text form.
    public static let prefix = "whsec_"

    /// A signer for `secret` (`whsec_<base64>`).
    /// - Throws: `AuthError(.invalidRequest)` for text that is not a `whsec_` secret of at least
    ///   24 bytes.
    public init(secret: String) throws {
        guard secret.hasPrefix(Self.prefix),
              let bytes = Data(base64Encoded: Self.padded(String(secret.dropFirst(Self.prefix.count)))),
              bytes.count >= 24
        else { throw AuthError.invalidRequest("a webhook secret is whsec_ followed by at least 24 bytes in base64") }
        key = SymmetricKey(data: bytes)
    }

    /// A new random secret (32 bytes) in its text form.
    public static func newSecret(random: any RandomSource) -> String {
        prefix + Data(random.bytes(32)).base64EncodedString()
    }

    /// The `webhook-signature` value for a message.
    public func signature(id: String, timestamp: Int, body: [UInt8]) -> String {
        var mac = HMAC<SHA256>(key: key)
        mac.update(data: Array("\(id).\(timestamp).".utf8))
        mac.update(data: body)
        return "v1," + Data(mac.finalize()).base64EncodedString()
    }

    /// The three Standard Webhooks headers and the JSON content type, signed at `at`.
    public func headers(id: String, at: Date, body: [UInt8]) -> [String: String] {
        let timestamp = Int(at.timeIntervalSince1970.rounded(.down))
        return [
            "webhook-id": id, "webhook-timestamp": String(timestamp),
            "webhook-signature": signature(id: id, timestamp: timestamp, body: body),
            "content-type": "application/json",
        ]
    }

    private static func padded(_ base64: String) -> String {
        base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }
}
