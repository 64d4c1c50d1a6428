/// A credential a ceremony names (`excludeCredentials`, `allowCredentials`).
public struct PublicKeyCredentialDescriptorJSON: Codable, Hashable, Sendable {
    /// `public-key`.
    public var type = "public-key"
    /// The credential id, base64url.
    public var id: String
    /// Transport hints the credential reported at registration.
    public var transports: [String]?
}

/// The options for `navigator.credentials.create()`, in the JSON form
/// `PublicKeyCredential.parseCreationOptionsFromJSON()` takes (WebAuthn Level 3
/// `PublicKeyCredentialCreationOptionsJSON`).
public struct PublicKeyCredentialCreationOptionsJSON: Codable, Hashable, Sendable {
    /// `{id, name}` of the relying party.
    public struct RelyingParty: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
    }
    /// `{id, name, displayName}` of the account; `id` is the user handle, base64url.
    public struct UserEntity: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var displayName: String
    }
    /// `{type, alg}`.
    public struct Parameters: Codable, Hashable, Sendable {
        public var type = "public-key"
        public var alg: Int
    }
    /// What kind of authenticator is wanted.
    public struct AuthenticatorSelection: Codable, Hashable, Sendable {
        public var residentKey: String
        public var requireResidentKey: Bool
        public var userVerification: String
    }
    /// Extensions asked for.
    public struct Extensions: Codable, Hashable, Sendable {
        /// Asks the client to say whether the credential is discoverable.
        public var credProps = true
    }

    public var rp: RelyingParty
    public var user: UserEntity
    /// base64url.
    public var challenge: String
    public var pubKeyCredParams: [Parameters]
    /// Milliseconds.
    public var timeout: Int
    public var excludeCredentials: [PublicKeyCredentialDescriptorJSON]
    public var authenticatorSelection: AuthenticatorSelection
    /// `none`: attestation statements are not verified (see docs/passkeys.md).
    public var attestation = "none"
    public var extensions = Extensions()
}

/// The options for `navigator.credentials.get()`, in the JSON form
/// `PublicKeyCredential.parseRequestOptionsFromJSON()` takes (WebAuthn Level 3
/// `PublicKeyCredentialRequestOptionsJSON`).
public struct PublicKeyCredentialRequestOptionsJSON: Codable, Hashable, Sendable {
    /// base64url.
    public var challenge: String
    /// Milliseconds.
    public var timeout: Int
    public var rpId: String
    /// Empty for a discoverable-credential sign-in (the browser offers the passkeys it holds).
    public var allowCredentials: [PublicKeyCredentialDescriptorJSON]
    /// `required`, `preferred` or `discouraged`.
    public var userVerification: String
}

/// Creation options and the id to finish the registration with.
public struct PasskeyCreationChallenge: Hashable, Sendable {
    /// Send back as `challenge_id` (single use, short-lived).
    public var challengeID: String
    public var options: PublicKeyCredentialCreationOptionsJSON
}

/// Request options and the id to finish the ceremony with.
public struct PasskeyRequestChallenge: Hashable, Sendable {
    /// Send back as `challenge_id` (single use, short-lived).
    public var challengeID: String
    public var options: PublicKeyCredentialRequestOptionsJSON
}
