import Crypto
import Foundation

/// What an authorization code stands for while it waits to be exchanged (at most
/// ``OpenIDConfiguration/codeTTL``), kept in the ``EphemeralStateStore`` under a hash of the code
/// so it can be taken once, on any instance.
struct AuthorizationCode: Codable, Hashable, Sendable {
    /// The grant the exchange will make: named now, so a second use of the code can revoke it.
    var grantID: UUID
    var clientID: String
    var redirectURI: String
    var scopes: [String]
    var nonce: String?
    var codeChallenge: String?
    var userID: UUID
    var sessionID: UUID

    /// The state-store key of `code`'s record.
    static func key(_ code: String) -> String { "oidc-code:" + digest(code) }
    /// The state-store key that remembers which grant `code` made, for a second use to revoke it.
    static func grantKey(_ code: String) -> String { "oidc-code-grant:" + digest(code) }

    private static func digest(_ code: String) -> String { Base64URL.encode(SHA256.hash(data: Array(code.utf8))) }

    /// Whether `verifier` answers `challenge` (RFC 7636 S256).
    static func verifies(_ verifier: String, challenge: String) -> Bool {
        guard (43...128).contains(verifier.utf8.count), verifier.utf8.allSatisfy(AuthorizationRequest.isUnreserved) else {
            return false
        }
        let computed = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
        return ConstantTime.equals(Array(computed.utf8), Array(challenge.utf8))
    }
}
