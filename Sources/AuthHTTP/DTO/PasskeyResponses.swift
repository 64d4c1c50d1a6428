import AuthCore

/// `{challenge_id, public_key}`: `public_key` is the JSON for
/// `PublicKeyCredential.parseCreationOptionsFromJSON()` (camelCase, as WebAuthn names it).
struct PasskeyCreationOptionsResponse: Encodable, Sendable {
    var challengeID: String
    var publicKey: PublicKeyCredentialCreationOptionsJSON

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case publicKey = "public_key"
    }

    init(_ challenge: PasskeyCreationChallenge) {
        challengeID = challenge.challengeID
        publicKey = challenge.options
    }
}

/// `{challenge_id, public_key}`: `public_key` is the JSON for
/// `PublicKeyCredential.parseRequestOptionsFromJSON()`.
struct PasskeyRequestOptionsResponse: Encodable, Sendable {
    var challengeID: String
    var publicKey: PublicKeyCredentialRequestOptionsJSON

    enum CodingKeys: String, CodingKey {
        case challengeID = "challenge_id"
        case publicKey = "public_key"
    }

    init(_ challenge: PasskeyRequestChallenge) {
        challengeID = challenge.challengeID
        publicKey = challenge.options
    }
}

/// One passkey: `{id, name, created_at, last_used_at, backed_up, transports}`; every key present.
struct PasskeyResponse: Encodable, Sendable {
    var id: String
    var name: String
    var createdAt: String
    var lastUsedAt: String?
    var backedUp: Bool
    var transports: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, transports
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case backedUp = "backed_up"
    }

    init(_ passkey: Passkey) {
        id = passkey.id.description
        name = passkey.name
        createdAt = Timestamp.format(passkey.createdAt)
        lastUsedAt = passkey.lastUsedAt.map(Timestamp.format)
        backedUp = passkey.backedUp
        transports = passkey.transports
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(lastUsedAt, forKey: .lastUsedAt)
        try c.encode(backedUp, forKey: .backedUp)
        try c.encode(transports, forKey: .transports)
    }
}

/// `POST /passkeys/register`: `{id, name, created_at, recovery_codes?}`; the codes only when the
/// passkey was the user's first second factor and a new set was made, shown this once.
struct PasskeyRegisteredResponse: Encodable, Sendable {
    var id: String
    var name: String
    var createdAt: String
    var recoveryCodes: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case recoveryCodes = "recovery_codes"
    }
}

/// `GET /passkeys`: `{passkeys: [...]}`, oldest first.
struct PasskeyListResponse: Encodable, Sendable {
    var passkeys: [PasskeyResponse]
}
