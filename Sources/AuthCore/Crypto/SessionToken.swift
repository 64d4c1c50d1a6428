import Foundation
import JWTKit

/// The claims of a session token: `sub` (user), `sid` (session), `iat`, `exp`, and how the user
/// signed in: `amr` (RFC 8176 style, e.g. `["pwd", "otp", "mfa"]`), `aal` (1 or 2) and `auth_time`
/// (when the session last proved its user; a refresh does not move it).
public struct SessionToken: JWTPayload, Hashable {
    public var sub: String
    public var sid: String
    public var iat: Int
    public var exp: Int
    /// The session's authentication methods; absent in tokens minted before they existed.
    public var amr: [String]?
    /// The session's assurance level; absent in tokens minted before it existed.
    public var aal: Int?
    /// When the session last proved its user (its sign-in or a reauthentication), in seconds
    /// since 1970; absent in tokens minted before it existed.
    public var authTime: Int?
    /// Present only in an OpenID client's access token (``ClientAccessToken``), which is refused
    /// where a session token is expected.
    public var clientID: String?
    /// Present only in tokens made for an OpenID client (its access tokens and ID tokens), which
    /// are refused where a session token is expected.
    public var aud: String?

    enum CodingKeys: String, CodingKey {
        case sub, sid, iat, exp, amr, aal, aud
        case authTime = "auth_time"
        case clientID = "client_id"
    }

    /// Creates claims for a session.
    public init(
        userID: UserID, sessionID: SessionID, issuedAt: Date, expiresAt: Date, amr: [String]? = nil, aal: Int? = nil,
        authTime: Date? = nil
    ) {
        self.authTime = authTime.map { Int($0.timeIntervalSince1970) }
        self.sub = userID.description
        self.sid = sessionID.description
        self.iat = Int(issuedAt.timeIntervalSince1970)
        self.exp = Int(expiresAt.timeIntervalSince1970)
        self.amr = amr
        self.aal = aal
    }

    /// Expiry is checked by ``TokenSigner`` against the injected clock, not here, because jwt-kit
    /// would read the system clock.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
