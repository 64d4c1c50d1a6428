import Foundation

/// A mail AuthCore asks a ``Mailer`` to deliver. Rendering lives in `MailMessage+Rendering.swift`.
public struct MailMessage: Hashable, Sendable, Codable {
    /// Which message, with what it carries.
    public enum Kind: Hashable, Sendable, Codable {
        /// The code that verifies a new account's address.
        case verifyEmail(code: String, expiresAt: Date)
        /// The second-factor code of a sign-in.
        case signInCode(code: String, expiresAt: Date)
        /// The code that lets the owner choose a new password.
        case resetPassword(code: String, expiresAt: Date)
        /// A notice after the password changed.
        case passwordChanged(at: Date)
        /// The enumeration-safe answer to a sign-up with an address that already has an account.
        case signUpAttempted(at: Date)
        /// A notice after a second factor was switched off or removed (`method`, e.g. `email`).
        case secondFactorRemoved(method: String, at: Date)
        /// A notice after a second factor was added (`method`, e.g. `totp`).
        case secondFactorAdded(method: String, at: Date)
        /// A notice after the recovery codes were replaced by a new set.
        case recoveryCodesReplaced(at: Date)
        /// The code that proves a new address before the account moves to it (sent to the new one).
        case verifyNewEmail(code: String, expiresAt: Date)
        /// A notice to the old address after the account moved to `newEmail`, from `client`.
        case emailChanged(newEmail: String, at: Date, client: String)
        /// A notice after the account's link to a sign-in `provider` (e.g. `github`) was removed.
        case oauthUnlinked(provider: String, at: Date)
        /// A notice after a refresh token of the session on `client` came back once the session
        /// had moved past it, and the session was ended (someone may hold a copy of its tokens).
        case refreshTokenReused(client: String, at: Date)
    }

    public var id: UUID
    public var to: EmailAddress
    public var kind: Kind

    /// Creates a message.
    public init(id: UUID = UUID(), to: EmailAddress, kind: Kind) {
        self.id = id
        self.to = to
        self.kind = kind
    }

    /// The one-time code carried by the message, if any.
    public var code: String? {
        switch kind {
        case .verifyEmail(let code, _), .signInCode(let code, _), .resetPassword(let code, _),
             .verifyNewEmail(let code, _): code
        case .passwordChanged, .signUpAttempted, .secondFactorRemoved, .secondFactorAdded, .recoveryCodesReplaced,
             .emailChanged, .oauthUnlinked, .refreshTokenReused: nil
        }
    }

    /// A stable name of the kind, for logs and storage (never carries the code).
    public var kindName: String {
        switch kind {
        case .verifyEmail: "verify_email"
        case .signInCode: "sign_in_code"
        case .resetPassword: "reset_password"
        case .passwordChanged: "password_changed"
        case .signUpAttempted: "sign_up_attempted"
        case .secondFactorRemoved: "second_factor_removed"
        case .secondFactorAdded: "second_factor_added"
        case .recoveryCodesReplaced: "recovery_codes_replaced"
        case .verifyNewEmail: "verify_new_email"
        case .emailChanged: "email_changed"
        case .oauthUnlinked: "oauth_unlinked"
        case .refreshTokenReused: "refresh_token_reused"
        }
    }
}
