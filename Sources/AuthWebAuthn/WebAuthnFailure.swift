/// Which WebAuthn check refused a passkey response. Carried as the `underlying` error of an
/// `AuthError(.invalidCredential)` for logs and tests; clients see only a short public text.
public enum WebAuthnFailure: String, Error, Hashable, Sendable {
    /// The credential JSON, a base64url member, the clientDataJSON or the CBOR is malformed.
    case malformed
    /// The challenge is unknown, expired, already used, or of another ceremony or user.
    case challenge
    /// `clientDataJSON.type` is not the ceremony's (`webauthn.create` / `webauthn.get`).
    case clientDataType
    /// `clientDataJSON.origin` is not one of `WEBAUTHN_ORIGINS`, or the call was cross-origin.
    case origin
    /// The authenticator data's RP ID hash is not SHA-256 of the relying party id.
    case relyingParty
    /// The user-present (UP) flag is missing.
    case userPresence
    /// User verification (UV) was required and the flag is missing.
    case userVerification
    /// The key's algorithm is not ES256, EdDSA or RS256 (2048 bits or more), or the key is unusable.
    case algorithm
    /// The attested credential data is missing or does not match the credential's id.
    case attestedCredential
    /// The credential is not registered (for this user).
    case unknownCredential
    /// The user handle names another account than the credential's.
    case userHandle
    /// The assertion signature does not verify.
    case signature
    /// The signature counter did not increase (a possible cloned authenticator).
    case signCount
    /// The backup-eligible (BE) flag differs from the one the credential registered with: it is
    /// fixed for a credential's life, so a change means another authenticator.
    case backupEligibility

    /// The client-safe text of the refusal.
    package var publicDetail: String {
        switch self {
        case .malformed: "the passkey response is malformed"
        case .challenge: "the passkey challenge is unknown, expired or already used; ask for new options"
        case .clientDataType: "the passkey response is for another ceremony"
        case .origin: "the passkey response comes from an origin this server does not accept"
        case .relyingParty: "the passkey is for another relying party"
        case .userPresence: "the authenticator did not confirm user presence"
        case .userVerification: "the authenticator did not verify the user"
        case .algorithm: "the passkey uses an algorithm this server does not accept"
        case .attestedCredential: "the passkey response carries no usable credential"
        case .unknownCredential, .userHandle, .signature: "the passkey could not be verified"
        case .signCount: "the passkey's signature counter went backwards; the authenticator may be cloned"
        case .backupEligibility: "the passkey's backup eligibility changed; the authenticator may be cloned"
        }
    }
}
