import Foundation

/// A started authenticator-app enrolment, shown once: what the user types or scans into the app.
public struct TOTPEnrolment: Hashable, Sendable {
    /// The authenticator's id (`POST /mfa/totp/confirm {id, code}` and `DELETE /mfa/totp/{id}`).
    public var id: AuthenticatorID
    /// The secret in base32, for typing it in.
    public var secret: String
    /// The `otpauth://totp/…` URI an app scans.
    public var otpauthURI: String
    /// Until when the enrolment can be confirmed.
    public var expiresAt: Date

    /// The URI as a QR code, a standalone SVG image.
    public var qrCodeSVG: String {
        // A URI of an email (≤ 254 bytes) and a 32-character secret always fits a QR code.
        (try? QRCode(text: otpauthURI))?.svg() ?? ""
    }
}

/// A user's second factors, as `GET /mfa` shows them.
public struct SecondFactorStatus: Hashable, Sendable {
    /// Whether sign-in asks for a second factor.
    public var mfaEnabled: Bool
    /// The enabled methods, one entry per authenticator for methods with several.
    public var enrolments: [SecondFactorEnrolment]
    /// Unused recovery codes.
    public var recoveryCodesLeft: Int
}
