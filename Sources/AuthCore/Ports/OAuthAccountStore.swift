/// Links between users and provider identities. `(provider, subject)` is unique.
public protocol OAuthAccountStore: UserDataEraser {
    /// The link for a provider identity, or `nil`.
    func account(provider: String, subject: String) async throws -> OAuthAccount?
    /// Inserts a link.
    /// - Throws: `AuthError(.conflict)` when the provider identity is already linked.
    func link(_ account: OAuthAccount) async throws
    /// Every link of a user.
    func accounts(of userID: UserID) async throws -> [OAuthAccount]
    /// Deletes every link of `userID` at `provider` (a user may have linked several identities of
    /// one provider), leaving other users' links and the user's other providers alone.
    /// - Returns: the links removed; empty when there were none.
    func unlink(provider: String, of userID: UserID) async throws -> [OAuthAccount]
}
