import Foundation

/// A link between a user and an identity at an OAuth / OpenID Connect provider.
public struct OAuthAccount: Hashable, Sendable, Codable {
    /// The provider's registry name, such as `google` or `github`.
    public var provider: String
    /// The provider's stable subject identifier for the person.
    public var subject: String
    public var userID: UserID
    /// The (verified) email the provider reported when the link was made.
    public var email: EmailAddress
    public var createdAt: Date

    /// Creates a link.
    public init(provider: String, subject: String, userID: UserID, email: EmailAddress, createdAt: Date) {
        self.provider = provider
        self.subject = subject
        self.userID = userID
        self.email = email
        self.createdAt = createdAt
    }
}
