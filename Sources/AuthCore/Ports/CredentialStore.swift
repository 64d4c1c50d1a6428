/// Password hashes, kept apart from profile reads so a profile query can never leak one.
public protocol CredentialStore: Sendable {
    /// The PHC string stored for `userID`, or `nil` when the user has no password (OAuth only).
    func passwordHash(for userID: UserID) async throws -> String?
    /// Stores (inserts or replaces) the PHC string for `userID`.
    func setPasswordHash(_ phc: String, for userID: UserID) async throws
}
