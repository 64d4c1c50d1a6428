/// Reads and writes user profiles. Emails are unique, compared in their normalised form.
public protocol UserStore: Sendable {
    /// Inserts a new user.
    /// - Throws: `AuthError(.conflict)` when the email is taken (atomically: of any number of
    ///   concurrent inserts with one email exactly one succeeds).
    func insert(_ user: User) async throws
    /// The user with `id`, or `nil`.
    func user(id: UserID) async throws -> User?
    /// The user with `email`, or `nil`.
    func user(email: EmailAddress) async throws -> User?
    /// Replaces the stored profile of `user.id`.
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    func update(_ user: User) async throws
}
