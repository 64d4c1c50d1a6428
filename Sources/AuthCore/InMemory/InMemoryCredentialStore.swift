/// A ``CredentialStore`` in memory.
public actor InMemoryCredentialStore: CredentialStore {
    private var hashes: [UserID: String] = [:]

    /// Creates an empty store.
    public init() {}

    public func passwordHash(for userID: UserID) -> String? { hashes[userID] }

    public func setPasswordHash(_ phc: String, for userID: UserID) { hashes[userID] = phc }
}
