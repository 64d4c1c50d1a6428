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
