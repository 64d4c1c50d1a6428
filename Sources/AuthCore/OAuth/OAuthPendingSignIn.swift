import Crypto
import Foundation

/// What the server remembers between the start of a sign-in and its callback, stored in an
/// ``EphemeralStateStore`` under the server-generated `state` (short TTL, taken exactly once).
struct OAuthPendingSignIn: Codable, Hashable, Sendable {
    /// The provider the sign-in started with; a state cannot be redeemed at another provider's callback.
    var provider: String
    /// The caller's own `state`, handed back on success.
    var callerState: String
    /// The allow-listed `redirect_uri`; the callback must present the same one.
    var redirectURI: String
    /// The OpenID Connect nonce the id_token must carry.
    var nonce: String
    /// The PKCE verifier, never sent through the browser.
    var codeVerifier: String

    /// Length of a server `state` or `nonce`: 32 random bytes in base64url.
    static let tokenLength = 43

    /// The store key for `state`. Keyed by a hash, so a dump of the store does not reveal live
    /// states that could be paired with a leaked code.
    static func key(for state: String) -> String {
        "oauth-state:" + Base64URL.encode(SHA256.hash(data: Array(state.utf8)))
    }

    func encoded() throws -> [UInt8] { Array(try JSONEncoder().encode(self)) }

    static func decoded(_ bytes: [UInt8]) throws -> OAuthPendingSignIn {
        do {
            return try JSONDecoder().decode(OAuthPendingSignIn.self, from: Data(bytes))
        } catch {
            throw AuthError.oauth(.unknownState, underlying: error)
        }
    }
}
