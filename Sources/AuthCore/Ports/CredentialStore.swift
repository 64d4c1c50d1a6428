/// Password hashes, kept apart from profile reads so a profile query can never leak one.
public protocol CredentialStore: UserDataEraser {
    /// The PHC string stored for `userID`, or `nil` when the user has no password (OAuth only).
    func passwordHash(for userID: UserID) async throws -> String?
    /// Stores (inserts or replaces) the PHC string for `userID`.
    func setPasswordHash(_ phc: String, for userID: UserID) async throws
    /// Replaces the PHC string of `userID` only if it is still `expected` (compare-and-set), so a
    /// rehash of an old hash can never undo a password change made meanwhile.
    /// - Returns: whether it replaced.
    func replacePasswordHash(_ phc: String, for userID: UserID, ifCurrent expected: String) async throws -> Bool
    /// Deletes the password of `userID`, if any.
    func removePasswordHash(for userID: UserID) async throws
}
