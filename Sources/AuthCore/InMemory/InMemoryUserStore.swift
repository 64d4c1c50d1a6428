import Foundation

/// A ``UserStore`` in memory: a real product for tests and the embedded default.
public actor InMemoryUserStore: UserStore {
    private var byID: [UserID: User] = [:]
    private var idByEmail: [EmailAddress: UserID] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ user: User) throws {
        guard idByEmail[user.email] == nil, byID[user.id] == nil else { throw AuthError(.conflict, "email already registered") }
        byID[user.id] = user
        idByEmail[user.email] = user.id
    }

    public func user(id: UserID) -> User? { byID[id] }

    public func user(email: EmailAddress) -> User? { idByEmail[email].flatMap { byID[$0] } }

    public func markEmailVerified(_ id: UserID, at now: Date) throws -> Bool {
        var changed = false
        try change(id, at: now) { user in
            changed = !user.isEmailVerified
            user.isEmailVerified = true
        }
        return changed
    }

    public func setEmailFactor(_ id: UserID, enabled: Bool, at now: Date) throws {
        try change(id, at: now) { $0.emailFactorEnabled = enabled }
    }

    public func changeEmail(_ id: UserID, to email: EmailAddress, at now: Date) throws {
        guard let old = byID[id]?.email else { throw AuthError(.notFound, "no such user") }
        if let holder = idByEmail[email], holder != id { throw AuthError(.conflict, "email already registered") }
        try change(id, at: now) { $0.email = email }
        idByEmail[old] = nil
        idByEmail[email] = id
    }

    /// Every user (``InMemoryAdminDirectory``).
    func all() -> [User] { Array(byID.values) }

    /// Deletes the user `id` (its ``UserDataEraser`` conformance).
    func remove(_ id: UserID) {
        guard let user = byID.removeValue(forKey: id) else { return }
        idByEmail[user.email] = nil
    }

    public func setBanned(_ id: UserID, _ banned: Bool, at now: Date) throws {
        try change(id, at: now) { $0.isBanned = banned }
    }

    private func change(_ id: UserID, at now: Date, _ body: (inout User) -> Void) throws {
        guard var user = byID[id] else { throw AuthError(.notFound, "no such user") }
        body(&user)
        user.updatedAt = now
        byID[id] = user
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryUserStore {
    public func eraseData(of user: User) { remove(user.id) }
}
