/// A store that holds data about users and can forget one of them: what each such port requires,
/// so erasing an account asks every store instead of one eraser knowing them all
/// (``StoreByStoreAccountEraser``; docs/architecture.md, "Erasing an account").
///
/// - Important: after `eraseData(of:)` the store holds nothing that names the user (by id or,
///   where it keeps addresses, by address), except what another account owns. Erasing a user the
///   store does not know is not an error: an erasure interrupted half-way can run again.
public protocol UserDataEraser: Sendable {
    /// Removes what this store holds about `user`.
    /// - Throws: `AuthError(.unavailable)` when the backend cannot be reached.
    func eraseData(of user: User) async throws
}
