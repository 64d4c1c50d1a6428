/// A ``CredentialStore`` in memory.
public actor InMemoryCredentialStore: CredentialStore {
    private var hashes: [UserID: String] = [:]

    /// Creates an empty store.
    public init() {}

    public func passwordHash(for userID: UserID) -> String? { hashes[userID] }

    public func setPasswordHash(_ phc: String, for userID: UserID) { hashes[userID] = phc }

    public func replacePasswordHash(_ phc: String, for userID: UserID, ifCurrent expected: String) -> Bool {
        guard hashes[userID] == expected else { return false }
        hashes[userID] = phc
        return true
    }

    public func removePasswordHash(for userID: UserID) { hashes[userID] = nil }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryCredentialStore {
    public func eraseData(of user: User) { removePasswordHash(for: user.id) }
}
