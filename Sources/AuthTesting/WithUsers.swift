import AuthCore

/// A store under test together with the user store its rows refer to (a SQL store has foreign
/// keys to users, so checks create real users first).
public struct WithUsers<Store: Sendable>: Sendable {
    public var users: any UserStore
    public var store: Store
    /// Pairs `store` with `users`.
    public init(users: any UserStore, store: Store) {
        self.users = users
        self.store = store
    }

    /// Inserts and returns a fresh user.
    public func makeUser(at now: Date) async throws -> User {
        let user = Sample.user(at: now)
        try await users.insert(user)
        return user
    }
}

import Foundation
