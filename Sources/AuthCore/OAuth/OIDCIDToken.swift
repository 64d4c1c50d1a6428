import JWTKit

/// The claims of an OpenID Connect id_token that sign-in reads (Core section 2, and the standard
/// `email`, `email_verified` and `picture` claims).
///
/// Only the signature is checked while decoding; ``IDTokenVerifier`` checks issuer, audience,
/// times (against the injected clock) and nonce.
struct OIDCIDToken: JWTIdentityToken {
    var issuer: IssuerClaim
    var subject: SubjectClaim
    var audience: AudienceClaim
    var expires: ExpirationClaim
    var issuedAt: IssuedAtClaim?
    var notBefore: NotBeforeClaim?
    var authorizedParty: String?
    var nonce: String?
    var email: String?
    var emailVerified: BoolClaim?
    var picture: String?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case subject = "sub"
        case audience = "aud"
        case expires = "exp"
        case issuedAt = "iat"
        case notBefore = "nbf"
        case authorizedParty = "azp"
        case nonce, email, picture
        case emailVerified = "email_verified"
    }

    /// Time-based checks happen in ``IDTokenVerifier`` with the injected clock, not the system's.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
