import Foundation

/// A user's profile, as the API shows it. Password material lives in ``CredentialStore``.
public struct User: Hashable, Sendable, Codable {
    public var id: UserID
    public var email: EmailAddress
    public var isEmailVerified: Bool
    public var imageURL: String?
    /// Whether the mailed-code second factor (``SecondFactorMethod/email``) is switched on: the
    /// seed's `mfa_enabled` column. Whether the user has MFA at all is derived from every method
    /// (``Authenticated/mfaEnabled``, ``SecondFactorRegistry/methods(for:)``).
    public var emailFactorEnabled: Bool
    /// A banned user's sessions are refused at once and no new sessions are created.
    public var isBanned: Bool
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a user.
    public init(
        id: UserID = UserID(), email: EmailAddress, isEmailVerified: Bool = false, imageURL: String? = nil,
        emailFactorEnabled: Bool = false, isBanned: Bool = false, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.isEmailVerified = isEmailVerified
        self.imageURL = imageURL
        self.emailFactorEnabled = emailFactorEnabled
        self.isBanned = isBanned
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}
