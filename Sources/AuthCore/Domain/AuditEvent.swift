import Foundation

/// A security-relevant event, recorded through ``AuditLog``.
public struct AuditEvent: Hashable, Sendable, Codable {
    /// What happened.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case signUp = "sign_up"
        case emailVerified = "email_verified"
        case signInSucceeded = "sign_in_succeeded"
        case signInFailed = "sign_in_failed"
        case mfaChallenged = "mfa_challenged"
        case mfaSucceeded = "mfa_succeeded"
        case mfaFailed = "mfa_failed"
        case mfaEnabled = "mfa_enabled"
        case mfaDisabled = "mfa_disabled"
        case recoveryCodesReplaced = "recovery_codes_replaced"
        case passwordChanged = "password_changed"
        case emailChangeRequested = "email_change_requested"
        case emailChanged = "email_changed"
        case accountDeleted = "account_deleted"
        case signInCodeRequested = "sign_in_code_requested"
        case passwordResetRequested = "password_reset_requested"
        case passwordReset = "password_reset"
        case sessionRevoked = "session_revoked"
        case oauthLinked = "oauth_linked"
        case oauthUnlinked = "oauth_unlinked"
        case reauthenticated
        case reauthenticationFailed = "reauthentication_failed"
        /// An admin banned the user (``AuditEvent/actorID`` is the admin).
        case userBanned = "user_banned"
        case userUnbanned = "user_unbanned"
        /// An admin removed every second factor of the user.
        case mfaReset = "mfa_reset"
        /// An admin had the verification mail sent again.
        case verificationResent = "verification_resent"
        case adminGranted = "admin_granted"
        case adminRevoked = "admin_revoked"
        /// A refresh token the session had moved past was presented: the session was ended.
        case refreshTokenReused = "refresh_token_reused"
    }

    public var id: UUID
    public var kind: Kind
    public var userID: UserID?
    /// Who did it when that is not the user: the admin behind an admin action; `nil` otherwise.
    public var actorID: UserID?
    /// The email involved, when known (a failed sign-in for an unknown address has no user).
    public var email: EmailAddress?
    public var client: ClientContext
    public var at: Date
    /// Free-form, non-secret detail such as a reason code.
    public var detail: String?

    /// The event as its user may see it: an action someone else took on the account (an admin's
    /// ban, MFA reset or revocation) is shown as by "an administrator", without that person's
    /// address, client, place or account id.
    public func asSeen(by viewer: UserID) -> AuditEvent {
        guard let actorID, actorID != viewer else { return self }
        var seen = self
        seen.actorID = nil
        seen.client = ClientContext(ip: nil, userAgent: "", clientName: Self.administrator, location: "")
        return seen
    }

    /// What stands for the person behind an admin action in what a user sees about themselves.
    public static let administrator = "an administrator"

    /// Creates an event.
    public init(
        id: UUID = UUID(), kind: Kind, userID: UserID? = nil, actorID: UserID? = nil, email: EmailAddress? = nil,
        client: ClientContext, at: Date, detail: String? = nil
    ) {
        self.id = id
        self.actorID = actorID
        self.kind = kind
        self.userID = userID
        self.email = email
        self.client = client
        self.at = at
        self.detail = detail
    }
}
