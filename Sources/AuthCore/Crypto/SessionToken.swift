import Foundation
import JWTKit

/// The claims of a session token: `sub` (user), `sid` (session), `iat`, `exp`.
public struct SessionToken: JWTPayload, Hashable {
    public var sub: String
    public var sid: String
    public var iat: Int
    public var exp: Int

    /// Creates claims for a session.
    public init(userID: UserID, sessionID: SessionID, issuedAt: Date, expiresAt: Date) {
        self.sub = userID.description
        self.sid = sessionID.description
        self.iat = Int(issuedAt.timeIntervalSince1970)
        self.exp = Int(expiresAt.timeIntervalSince1970)
    }

    /// Expiry is checked by ``TokenSigner`` against the injected clock, not here, because jwt-kit
    /// would read the system clock.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
