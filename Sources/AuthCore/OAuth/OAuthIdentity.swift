/// Who signed in at a provider, as the provider proved it: the shared claims every provider maps to.
public struct OAuthIdentity: Hashable, Sendable {
    /// The provider's registry name.
    public var provider: String
    /// The provider's stable identifier for the person (`sub`, or GitHub's numeric id).
    public var subject: String
    /// The email address the provider reported.
    public var email: EmailAddress
    /// Whether the provider says it verified ``email``. Sign-in is refused when it did not.
    public var emailVerified: Bool
    /// The profile picture URL, if any; it becomes `image_url` of a new user.
    public var pictureURL: String?

    /// Creates an identity.
    public init(provider: String, subject: String, email: EmailAddress, emailVerified: Bool, pictureURL: String? = nil) {
        self.provider = provider
        self.subject = subject
        self.email = email
        self.emailVerified = emailVerified
        self.pictureURL = pictureURL
    }
}
