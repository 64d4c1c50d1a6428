import Foundation

/// The rule that admin actions never leave the deployment without a usable admin: an unbanned,
/// verified account with the role and a second factor (what the dashboard asks for).
///
/// Banning an admin, or removing an admin's second factors, is refused with `conflict` when no
/// other usable admin would be left. Two admins acting on each other at once must not both pass a
/// check made before either acted, so these actions take one short lock, shared by every instance
/// through the ephemeral state store (Redis when configured), and check and act inside it.
extension AdminConsole {
    /// The lock's key, and how long it is held at most if its holder dies mid-action.
    static let lastAdminLock = "admin-protection-lock"
    static let lastAdminLockTTL: Duration = .seconds(15)

    /// Runs `action` on `target` under the lock when `target` is a usable admin, after checking
    /// that another usable admin stays; otherwise runs it at once.
    /// - Throws: `AuthError(.conflict)` when `target` is the last usable admin; `unavailable` when
    ///   the lock stays taken (another admin action that did not finish).
    func keepingAUsableAdmin(besides target: User, _ action: () async throws -> Void) async throws {
        guard try await isUsableAdmin(target) else { return try await action() }
        var attempts = 0
        while try await !states.put(Self.lastAdminLock, value: [1], ttl: Self.lastAdminLockTTL) {
            attempts += 1
            guard attempts < 100 else { throw AuthError(.unavailable, "another admin action is in progress; retry") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let outcome: Result<Void, any Error>
        do {
            guard try await hasUsableAdmin(besides: target.id) else {
                throw AuthError(.conflict, "this is the last admin who can use the dashboard")
            }
            try await action()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        _ = try? await states.take(Self.lastAdminLock)
        try outcome.get()
    }

    /// Whether `user` can act as an admin: the role, unbanned and verified, and a second factor.
    func isUsableAdmin(_ user: User) async throws -> Bool {
        guard try await isAdmin(user) else { return false }
        return try await mfaEnabled(user)
    }

    /// Whether an account other than `excluded` is a usable admin, as the stores say now.
    func hasUsableAdmin(besides excluded: UserID) async throws -> Bool {
        var candidates = try await roles.admins()
        for email in configuration.adminEmails {
            if let user = try await users.user(email: email) { candidates.append(user.id) }
        }
        for id in Set(candidates) where id != excluded {
            if let user = try await users.user(id: id), try await isUsableAdmin(user) { return true }
        }
        return false
    }
}
