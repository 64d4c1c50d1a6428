/// An ``OAuthAccountStore`` in memory.
public actor InMemoryOAuthAccountStore: OAuthAccountStore {
    private struct Key: Hashable {
        var provider: String
        var subject: String
    }
    private var accounts: [Key: OAuthAccount] = [:]

    /// Creates an empty store.
    public init() {}

    public func account(provider: String, subject: String) -> OAuthAccount? {
        accounts[Key(provider: provider, subject: subject)]
    }

    public func link(_ account: OAuthAccount) throws {
        let key = Key(provider: account.provider, subject: account.subject)
        guard accounts[key] == nil else { throw AuthError(.conflict, "identity already linked") }
        accounts[key] = account
    }

    /// Deletes every link of `userID` (its ``UserDataEraser`` conformance).
    func remove(of userID: UserID) {
        accounts = accounts.filter { $0.value.userID != userID }
    }

    public func unlink(provider: String, of userID: UserID) -> [OAuthAccount] {
        let removed = accounts.values.filter { $0.provider == provider && $0.userID == userID }
        for account in removed { accounts[Key(provider: account.provider, subject: account.subject)] = nil }
        return removed.sorted { $0.createdAt < $1.createdAt }
    }

    public func accounts(of userID: UserID) -> [OAuthAccount] {
        accounts.values.filter { $0.userID == userID }.sorted { $0.createdAt < $1.createdAt }
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryOAuthAccountStore {
    public func eraseData(of user: User) { remove(of: user.id) }
}
