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
        /// The RP ID.
        public var id: String
        /// What authenticators show as the site.
        public var name: String
    }
    /// `{id, name, displayName}` of the account; `id` is the user handle, base64url.
    public struct UserEntity: Codable, Hashable, Sendable {
        /// The user handle, base64url.
        public var id: String
        /// The account's name (the address).
        public var name: String
        /// What authenticators show as the account (the address).
        public var displayName: String
    }
    /// `{type, alg}`.
    public struct Parameters: Codable, Hashable, Sendable {
        /// `public-key`.
        public var type = "public-key"
        /// A COSE algorithm identifier.
        public var alg: Int
    }
    /// What kind of authenticator is wanted.
    public struct AuthenticatorSelection: Codable, Hashable, Sendable {
        /// `preferred`: a discoverable credential if the authenticator can make one.
        public var residentKey: String
        /// Level 1's form of `residentKey` (true only for `required`).
        public var requireResidentKey: Bool
        /// `required`, `preferred` or `discouraged`.
        public var userVerification: String
    }
    /// Extensions asked for.
    public struct Extensions: Codable, Hashable, Sendable {
        /// Asks the client to say whether the credential is discoverable.
        public var credProps = true
    }

    /// The relying party.
    public var rp: RelyingParty
    /// The account the credential is for.
    public var user: UserEntity
    /// base64url.
    public var challenge: String
    /// The accepted algorithms, preferred first.
    public var pubKeyCredParams: [Parameters]
    /// Milliseconds.
    public var timeout: Int
    /// The account's passkeys: an authenticator holding one says so instead of making another.
    public var excludeCredentials: [PublicKeyCredentialDescriptorJSON]
    /// What kind of authenticator is wanted.
    public var authenticatorSelection: AuthenticatorSelection
    /// `none`: attestation statements are not verified (see docs/passkeys.md).
    public var attestation = "none"
    /// Extensions asked for.
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
    /// The relying party id the credential must be scoped to.
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
    /// The `public_key` of the API answer.
    public var options: PublicKeyCredentialCreationOptionsJSON
}

/// Request options and the id to finish the ceremony with.
public struct PasskeyRequestChallenge: Hashable, Sendable {
    /// Send back as `challenge_id` (single use, short-lived).
    public var challengeID: String
    /// The `public_key` of the API answer.
    public var options: PublicKeyCredentialRequestOptionsJSON
}
