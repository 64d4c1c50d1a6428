import AuthCore

/// `POST /mfa/totp`: `{id, secret, otpauth_uri, qr_svg, expires_at}`, shown once.
struct TOTPEnrolmentResponse: Encodable, Sendable {
    var id: String
    var secret: String
    var otpauthURI: String
    var qrSVG: String
    var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case id, secret
        case otpauthURI = "otpauth_uri"
        case qrSVG = "qr_svg"
        case expiresAt = "expires_at"
    }

    init(_ enrolment: TOTPEnrolment) {
        id = enrolment.id.description
        secret = enrolment.secret
        otpauthURI = enrolment.otpauthURI
        qrSVG = enrolment.qrCodeSVG
        expiresAt = Timestamp.format(enrolment.expiresAt)
    }
}

/// `POST /mfa/totp/confirm`: `{mfa_enabled: true, recovery_codes?}`; the codes only when a new
/// set was made (the user had none), shown this once.
struct TOTPConfirmationResponse: Encodable, Sendable {
    var mfaEnabled = true
    var recoveryCodes: [String]?

    enum CodingKeys: String, CodingKey {
        case mfaEnabled = "mfa_enabled"
        case recoveryCodes = "recovery_codes"
    }
}

/// `POST /mfa/recovery-codes`: `{recovery_codes}`, shown this once.
struct RecoveryCodesResponse: Encodable, Sendable {
    var recoveryCodes: [String]

    enum CodingKeys: String, CodingKey {
        case recoveryCodes = "recovery_codes"
    }
}

/// `GET /mfa`: `{mfa_enabled, methods: [{type, id, name, created_at, last_used_at}], recovery_codes_left}`.
struct SecondFactorStatusResponse: Encodable, Sendable {
    struct Method: Encodable, Sendable {
        var type: String
        var id: String?
        var name: String?
        var createdAt: String?
        var lastUsedAt: String?

        enum CodingKeys: String, CodingKey {
            case type, id, name
            case createdAt = "created_at"
            case lastUsedAt = "last_used_at"
        }

        // Every key is present, `null` when the method has no such value.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(type, forKey: .type)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(lastUsedAt, forKey: .lastUsedAt)
        }
    }

    var mfaEnabled: Bool
    var methods: [Method]
    var recoveryCodesLeft: Int

    enum CodingKeys: String, CodingKey {
        case mfaEnabled = "mfa_enabled"
        case methods
        case recoveryCodesLeft = "recovery_codes_left"
    }

    init(_ status: SecondFactorStatus) {
        mfaEnabled = status.mfaEnabled
        recoveryCodesLeft = status.recoveryCodesLeft
        methods = status.enrolments.map {
            Method(
                type: $0.method.rawValue, id: $0.id, name: $0.name, createdAt: $0.createdAt.map(Timestamp.format),
                lastUsedAt: $0.lastUsedAt.map(Timestamp.format))
        }
    }
}
