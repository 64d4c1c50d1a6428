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

    public func update(_ user: User) throws {
        guard let old = byID[user.id] else { throw AuthError(.notFound, "no such user") }
        if old.email != user.email {
            guard idByEmail[user.email] == nil else { throw AuthError(.conflict, "email already registered") }
            idByEmail[old.email] = nil
            idByEmail[user.email] = user.id
        }
        byID[user.id] = user
    }
}
