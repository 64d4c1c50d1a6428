/// Why a token was not accepted.
public enum AuthTokenVerifierError: Error, Sendable, Hashable {
    /// Malformed, forged, expired, signed by an unknown or retired key, or (with introspection)
    /// revoked: the same answer for every defect.
    case invalidToken
    /// authd (its JWKS or introspection) could not be reached or answered nonsense.
    case unavailable
}
