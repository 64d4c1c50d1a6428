/// Hashes and verifies passwords as PHC strings.
public protocol PasswordHasher: Sendable {
    /// Hashes `password` with fresh salt and the configured parameters.
    /// - Throws: `AuthError(.overloaded)` when the hashing pool is saturated.
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `phc`. A malformed or unacceptable `phc` verifies as `false`.
    /// - Throws: `AuthError(.overloaded)` when the hashing pool is saturated.
    func verify(_ password: String, against phc: String) async throws -> Bool
    /// Whether `phc` was made with parameters other than the configured ones.
    func needsRehash(_ phc: String) -> Bool
}
