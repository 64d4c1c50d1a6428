import Foundation

/// Reads and writes user profiles. Emails are unique, compared in their normalised form.
///
/// Changes are targeted: each one writes only the fields it is about, so two changes racing (an
/// MFA switch and a ban, say) can never undo each other the way rewriting a whole row read a
/// moment earlier would.
public protocol UserStore: UserDataEraser {
    /// Inserts a new user.
    /// - Throws: `AuthError(.conflict)` when the email is taken (atomically: of any number of
    ///   concurrent inserts with one email exactly one succeeds).
    func insert(_ user: User) async throws
    /// The user with `id`, or `nil`.
    func user(id: UserID) async throws -> User?
    /// The user with `email`, or `nil`.
    func user(email: EmailAddress) async throws -> User?
    /// Marks the address of `id` verified.
    /// - Returns: whether this call verified it (`false` when it already was): of concurrent
    ///   calls exactly one sees `true`.
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    func markEmailVerified(_ id: UserID, at now: Date) async throws -> Bool
    /// Switches the mailed second factor of `id`.
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    func setEmailFactor(_ id: UserID, enabled: Bool, at now: Date) async throws
    /// Changes the address of `id` to `email` (already normalised).
    /// - Throws: `AuthError(.conflict)` when another user holds it (atomically: of concurrent
    ///   changes and inserts with one address exactly one succeeds); `AuthError(.notFound)`.
    func changeEmail(_ id: UserID, to email: EmailAddress, at now: Date) async throws
    /// Bans or unbans `id`.
    /// - Throws: `AuthError(.notFound)` when there is no such user.
    func setBanned(_ id: UserID, _ banned: Bool, at now: Date) async throws
}
