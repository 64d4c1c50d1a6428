import Foundation

/// A ``PasskeyStore`` in memory. An actor, so each decision is atomic.
public actor InMemoryPasskeyStore: PasskeyStore {
    private var byID: [PasskeyID: Passkey] = [:]
    private var handles: [UserID: [UInt8]] = [:]

    /// Creates an empty store.
    public init() {}

    public func add(_ passkey: Passkey) throws {
        guard byID[passkey.id] == nil, !byID.values.contains(where: { $0.credentialID == passkey.credentialID }) else {
            throw AuthError(.conflict, "this passkey is already registered")
        }
        byID[passkey.id] = passkey
    }

    public func passkeys(of userID: UserID) -> [Passkey] {
        byID.values.filter { $0.userID == userID }
            .sorted { ($0.createdAt, $0.id.description) < ($1.createdAt, $1.id.description) }
    }

    public func passkey(credentialID: [UInt8]) -> Passkey? {
        byID.values.first { $0.credentialID == credentialID }
    }

    public func rename(_ id: PasskeyID, of userID: UserID, to name: String) -> Bool {
        guard byID[id]?.userID == userID else { return false }
        byID[id]?.name = name
        return true
    }

    @discardableResult
    public func remove(_ id: PasskeyID, of userID: UserID) -> Bool {
        guard byID[id]?.userID == userID else { return false }
        byID[id] = nil
        return true
    }

    public func recordUse(
        _ id: PasskeyID, expectedSignCount: UInt32, signCount: UInt32, backedUp: Bool, at now: Date
    ) -> Bool {
        guard let found = byID[id], found.signCount == expectedSignCount else { return false }
        byID[id]?.signCount = signCount
        byID[id]?.backedUp = backedUp
        byID[id]?.lastUsedAt = now
        return true
    }

    public func userHandle(of userID: UserID, proposing proposed: [UInt8]) -> [UInt8] {
        if let existing = handles[userID] { return existing }
        handles[userID] = proposed
        return proposed
    }

    public func userID(forHandle handle: [UInt8]) -> UserID? {
        handles.first { $0.value == handle }?.key
    }

    public func removeAll(of userID: UserID) {
        byID = byID.filter { $0.value.userID != userID }
        handles[userID] = nil
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryPasskeyStore {
    /// Removes the user's passkeys and WebAuthn user handle.
    public func eraseData(of user: User) { removeAll(of: user.id) }
}
