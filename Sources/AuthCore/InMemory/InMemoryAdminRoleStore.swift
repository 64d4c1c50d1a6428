import Foundation

/// An ``AdminRoleStore`` in memory.
public actor InMemoryAdminRoleStore: AdminRoleStore {
    private var holders: [UserID: Date] = [:]
    private let users: (any UserStore)?

    /// Creates an empty store.
    /// - Parameter users: when given, ``grant(_:at:)`` refuses ids it does not know, as a SQL
    ///   store's foreign key does.
    public init(users: (any UserStore)? = nil) { self.users = users }

    public func isAdmin(_ id: UserID) -> Bool { holders[id] != nil }

    public func grant(_ id: UserID, at now: Date) async throws -> Bool {
        if let users, try await users.user(id: id) == nil { throw AuthError(.notFound, "no such user") }
        guard holders[id] == nil else { return false }
        holders[id] = now
        return true
    }

    public func revoke(_ id: UserID, allowingLast: Bool) throws -> Bool {
        guard holders[id] != nil else { return false }
        if !allowingLast, holders.count == 1 { throw AuthError(.conflict, "the last admin keeps the role") }
        holders[id] = nil
        return true
    }

    public func admins() -> [UserID] { Array(holders.keys) }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryAdminRoleStore {
    /// Takes the role from the user (a SQL store's row goes with the user's).
    public func eraseData(of user: User) { holders[user.id] = nil }
}
