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
}
