import Foundation

/// `{challenge_id, public_key}`: the options of a passkey ceremony (docs/passkeys.md).
/// `publicKey` is WebAuthn's JSON (camelCase) for `PublicKeyCredential.parseCreationOptionsFromJSON`
/// or `parseRequestOptionsFromJSON`, or for building an `ASAuthorization` request; send the
/// platform's credential back with `challengeID`.
public struct PasskeyOptions: Decodable, Hashable, Sendable {
    public var challengeID: String
    public var publicKey: RawJSON

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case publicKey = "public_key"
    }
}

/// One passkey of the user: `{id, name, created_at, last_used_at, backed_up, transports}`.
public struct PasskeyInfo: Decodable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    /// Whether the credential is synced (backed up) by its provider.
    public var backedUp: Bool
    /// How the authenticator is reached (`internal`, `hybrid`, `usb`…).
    public var transports: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, transports
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case backedUp = "backed_up"
    }
}

/// `POST /passkeys/register`: `{id, name, created_at, recovery_codes?}`.
public struct PasskeyRegistration: Decodable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var createdAt: Date
    /// A new set of recovery codes when the passkey was the user's first second factor, shown this
    /// once; else `nil`.
    public var recoveryCodes: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case recoveryCodes = "recovery_codes"
    }
}

/// `{passkeys}`.
struct PasskeyList: Decodable { var passkeys: [PasskeyInfo] }

/// `{challenge_id, credential, name?}`.
struct PasskeyCredentialBody: Encodable {
    var challengeID: String
    var credential: RawJSON
    var name: String?

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case credential, name
    }
}

/// `{token_id, method: "passkey", credential}` (sign-in) or `{method: "passkey", credential}`
/// (reauthentication).
struct PasskeySecondFactorBody: Encodable {
    var tokenID: String?
    var method = "passkey"
    var credential: RawJSON

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
        case method, credential
    }
}
