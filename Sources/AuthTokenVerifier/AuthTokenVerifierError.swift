/// Why a token was not accepted, or the verifier cannot work.
public enum AuthTokenVerifierError: Error, Sendable, Hashable {
    /// Malformed, forged, expired, signed by an unknown or retired key, or (with introspection)
    /// revoked: the same answer for every defect. The reason is logged at debug level.
    case invalidToken
    /// authd (its JWKS or introspection) could not be reached or answered nonsense.
    case unavailable
    /// The configuration cannot accept any token authd issues, for example a JWKS with no keys
    /// (authd signs HS256) and neither a shared secret nor introspection configured.
    case misconfigured(String)
}

extension AuthTokenVerifierError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidToken: "invalid token"
        case .unavailable: "authd could not be asked"
        case .misconfigured(let reason): "AuthTokenVerifier is misconfigured: \(reason)"
        }
    }
}
