/// Links between users and provider identities. `(provider, subject)` is unique.
public protocol OAuthAccountStore: Sendable {
    /// The link for a provider identity, or `nil`.
    func account(provider: String, subject: String) async throws -> OAuthAccount?
    /// Inserts a link.
    /// - Throws: `AuthError(.conflict)` when the provider identity is already linked.
    func link(_ account: OAuthAccount) async throws
    /// Every link of a user.
    func accounts(of userID: UserID) async throws -> [OAuthAccount]
}
