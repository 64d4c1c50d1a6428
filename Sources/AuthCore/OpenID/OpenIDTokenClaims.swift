import Foundation
import JWTKit

/// The claims of an access token authd gives an OpenID client: a session token's (`sub`, `sid`,
/// `auth_time`, `amr`, `aal`) plus the client (`client_id`, `aud`), its grant (`gid`) and the
/// `scope`. ``TokenSigner`` refuses it wherever a session token is expected: an app's token is
/// not a key to the user's account API.
public struct ClientAccessToken: JWTPayload, Hashable {
    public var iss: String
    public var sub: String
    public var sid: String
    public var gid: String
    public var clientID: String
    public var aud: String
    public var scope: String
    public var iat: Int
    public var exp: Int
    public var authTime: Int
    public var amr: [String]
    public var aal: Int

    enum CodingKeys: String, CodingKey {
        case iss, sub, sid, gid, aud, scope, iat, exp, amr, aal
        case clientID = "client_id"
        case authTime = "auth_time"
    }

    /// Expiry is checked against the injected clock by the provider, not here.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// The claims of an ID token (OpenID Connect Core section 2), with the `email` scope's claims.
struct IDTokenClaims: Codable, Hashable {
    var iss: String
    var sub: String
    var aud: String
    var exp: Int
    var iat: Int
    var authTime: Int
    var nonce: String?
    var amr: [String]
    var acr: String
    var azp: String
    var atHash: String?
    /// The authd session, for RP-initiated logout.
    var sid: String
    var email: String?
    var emailVerified: Bool?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, amr, acr, azp, sid, email
        case authTime = "auth_time"
        case atHash = "at_hash"
        case emailVerified = "email_verified"
    }
}
