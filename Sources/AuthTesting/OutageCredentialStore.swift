import AuthCore
import Synchronization

/// A ``CredentialStore`` whose reads can be made to fail, as a database blip would: the next
/// `count` password reads throw `AuthError(.unavailable)`, then reads go through again.
/// Everything else goes straight to the wrapped store.
public final class OutageCredentialStore: CredentialStore {
    private let inner: any CredentialStore
    private let failuresLeft = Mutex(0)

    /// Wraps `inner`.
    public init(_ inner: any CredentialStore) { self.inner = inner }

    /// Makes the next `count` password reads fail.
    public func failNextReads(_ count: Int) { failuresLeft.withLock { $0 = count } }

    public func passwordHash(for userID: UserID) async throws -> String? {
        let fail = failuresLeft.withLock { left -> Bool in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        if fail { throw AuthError(.unavailable, "the database did not answer (injected)") }
        return try await inner.passwordHash(for: userID)
    }

    public func setPasswordHash(_ phc: String, for userID: UserID) async throws {
        try await inner.setPasswordHash(phc, for: userID)
    }

    public func replacePasswordHash(_ phc: String, for userID: UserID, ifCurrent expected: String) async throws -> Bool {
        try await inner.replacePasswordHash(phc, for: userID, ifCurrent: expected)
    }

    public func removePasswordHash(for userID: UserID) async throws { try await inner.removePasswordHash(for: userID) }

    public func eraseData(of user: User) async throws { try await inner.eraseData(of: user) }
}
