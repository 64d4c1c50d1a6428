import Foundation

/// `GET /mfa`: the user's second factors (docs/api.md, "Second factors").
public struct SecondFactorsInfo: Decodable, Hashable, Sendable {
    /// One second factor: an authenticator app, a passkey, the recovery codes or the mailed code.
    public struct Method: Decodable, Hashable, Sendable {
        /// `totp`, `passkey`, `recovery_code` or `email`.
        public var type: String
        /// The authenticator app's or passkey's id (`nil` for the others).
        public var id: String?
        public var name: String?
        public var createdAt: Date?
        public var lastUsedAt: Date?

        enum CodingKeys: String, CodingKey {
            case type, id, name
            case createdAt = "created_at"
            case lastUsedAt = "last_used_at"
        }
    }

    /// Whether sign-in asks for a second factor.
    public var mfaEnabled: Bool
    public var methods: [Method]
    /// How many unused recovery codes are left.
    public var recoveryCodesLeft: Int

    enum CodingKeys: String, CodingKey {
        case mfaEnabled = "mfa_enabled"
        case methods
        case recoveryCodesLeft = "recovery_codes_left"
    }
}

/// `POST /mfa/totp`: a pending authenticator app, shown once; confirm it with a code from the app
/// (``AuthClient/confirmAuthenticatorApp(_:code:)``) before `expiresAt`.
public struct AuthenticatorAppEnrolment: Decodable, Hashable, Sendable {
    /// The id to confirm (and later remove) it with.
    public var id: String
    /// The shared secret (base32), for typing into the app.
    public var secret: String
    /// The `otpauth://` URI, for a QR code or a tap that opens the app.
    public var otpauthURI: String
    /// The URI as an SVG QR code.
    public var qrSVG: String
    public var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case id, secret
        case otpauthURI = "otpauth_uri"
        case qrSVG = "qr_svg"
        case expiresAt = "expires_at"
    }
}

/// `POST /mfa/totp/confirm`: `{mfa_enabled: true, recovery_codes?}`.
public struct AuthenticatorAppConfirmation: Decodable, Hashable, Sendable {
    public var mfaEnabled: Bool
    /// A new set of recovery codes when the user had none, shown this once; else `nil`.
    public var recoveryCodes: [String]?

    enum CodingKeys: String, CodingKey {
        case mfaEnabled = "mfa_enabled"
        case recoveryCodes = "recovery_codes"
    }
}

/// `{recovery_codes}`.
struct RecoveryCodesAnswer: Decodable {
    var recoveryCodes: [String]
    enum CodingKeys: String, CodingKey { case recoveryCodes = "recovery_codes" }
}
