import Foundation

/// One authenticator app of a user: a TOTP secret, stored only sealed (see ``SecretBox``).
///
/// An enrolment starts unconfirmed; it counts as a second factor once the user has proven a code
/// from it (``confirmedAt``). Unconfirmed enrolments older than
/// ``AuthConfiguration/totpEnrolmentTTL`` can no longer be confirmed and are purged.
public struct TOTPAuthenticator: Hashable, Sendable, Codable {
    /// The authenticator's id.
    public var id: AuthenticatorID
    /// Its owner.
    public var userID: UserID
    /// The user's label for it ("Phone"), shown by `GET /mfa`.
    public var name: String
    /// The secret, sealed with AES-GCM and bound to this authenticator's id and user.
    public var sealedSecret: [UInt8]
    /// When the enrolment started.
    public var createdAt: Date
    /// When the user proved a first code from it; `nil` while the enrolment is pending.
    public var confirmedAt: Date?
    /// When a code from it last signed the user in.
    public var lastUsedAt: Date?

    /// Creates an authenticator.
    public init(
        id: AuthenticatorID = AuthenticatorID(), userID: UserID, name: String, sealedSecret: [UInt8], createdAt: Date,
        confirmedAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.confirmedAt = confirmedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether it counts as a second factor.
    public var isConfirmed: Bool { confirmedAt != nil }
}
