import Foundation
import JWTKit

/// The claims of a session token: `sub` (user), `sid` (session), `iat`, `exp`, and how the user
/// signed in: `amr` (RFC 8176 style, e.g. `["pwd", "otp", "mfa"]`) and `aal` (1 or 2).
public struct SessionToken: JWTPayload, Hashable {
    public var sub: String
    public var sid: String
    public var iat: Int
    public var exp: Int
    /// The session's authentication methods; absent in tokens minted before they existed.
    public var amr: [String]?
    /// The session's assurance level; absent in tokens minted before it existed.
    public var aal: Int?

    /// Creates claims for a session.
    public init(
        userID: UserID, sessionID: SessionID, issuedAt: Date, expiresAt: Date, amr: [String]? = nil, aal: Int? = nil
    ) {
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
