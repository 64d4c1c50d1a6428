import JWTKit

/// The claims of an authd session token that verified.
public struct VerifiedToken: Sendable, Hashable {
    /// The user id.
    public var subject: String
    /// The session id.
    public var sessionID: String
    /// Expiry, seconds since 1970.
    public var expiresAt: Int
    /// Issue time, seconds since 1970.
    public var issuedAt: Int
    /// The assurance level (1, or 2 after a second factor).
    public var aal: Int
    /// How the session signed in, e.g. `["pwd", "otp", "mfa"]`.
    public var amr: [String]
}

/// The payload authd signs: `sub`, `sid`, `iat`, `exp`, `amr`, `aal`.
struct SessionClaims: JWTPayload {
    var sub: String
    var sid: String
    var iat: Int
    var exp: Int
    var amr: [String]?
    var aal: Int?

    /// Expiry is checked by the verifier against its clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
