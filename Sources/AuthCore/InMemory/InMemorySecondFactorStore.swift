import Foundation

/// A ``SecondFactorStore`` in memory. An actor, so each decision (confirm, accept a step, use a
/// recovery code) is atomic.
public actor InMemorySecondFactorStore: SecondFactorStore {
    private struct RecoveryCode {
        var hash: [UInt8]
        var usedAt: Date?
    }
    private var authenticatorsByID: [AuthenticatorID: TOTPAuthenticator] = [:]
    private var lastSteps: [UserID: Int64] = [:]
    private var recoveryCodes: [UserID: [RecoveryCode]] = [:]

    /// Creates an empty store.
    public init() {}

    public func addAuthenticator(_ authenticator: TOTPAuthenticator) throws {
        guard authenticatorsByID[authenticator.id] == nil else { throw AuthError(.conflict, "authenticator exists") }
        authenticatorsByID[authenticator.id] = authenticator
    }

    public func authenticators(of userID: UserID) -> [TOTPAuthenticator] {
        authenticatorsByID.values.filter { $0.userID == userID }
            .sorted { ($0.createdAt, $0.id.description) < ($1.createdAt, $1.id.description) }
    }

    public func confirmAuthenticator(_ id: AuthenticatorID, of userID: UserID, at now: Date) -> Bool {
        guard let found = authenticatorsByID[id], found.userID == userID, found.confirmedAt == nil else { return false }
        authenticatorsByID[id]?.confirmedAt = now
        return true
    }

    @discardableResult
    public func removeAuthenticator(_ id: AuthenticatorID, of userID: UserID, unconfirmedOnly: Bool) -> Bool {
        guard let found = authenticatorsByID[id], found.userID == userID, !unconfirmedOnly || !found.isConfirmed else {
            return false
        }
        authenticatorsByID[id] = nil
        return true
    }

    public func acceptStep(_ step: Int64, authenticator id: AuthenticatorID, of userID: UserID, at now: Date) -> Bool {
        guard authenticatorsByID[id]?.userID == userID, step > lastSteps[userID, default: .min] else { return false }
        lastSteps[userID] = step
        authenticatorsByID[id]?.lastUsedAt = now
        return true
    }

    @discardableResult
    public func purgeUnconfirmed(createdBefore cutoff: Date) -> Int {
        let stale = authenticatorsByID.values.filter { $0.confirmedAt == nil && $0.createdAt < cutoff }
        for authenticator in stale { authenticatorsByID[authenticator.id] = nil }
        return stale.count
    }

    public func replaceRecoveryCodes(of userID: UserID, with hashes: [[UInt8]], at now: Date) {
        recoveryCodes[userID] = hashes.map { RecoveryCode(hash: $0) }
    }

    public func useRecoveryCode(_ hash: [UInt8], of userID: UserID, at now: Date) -> Bool {
        guard let index = recoveryCodes[userID]?.firstIndex(where: { $0.usedAt == nil && ConstantTime.equals($0.hash, hash) })
        else { return false }
        recoveryCodes[userID]?[index].usedAt = now
        return true
    }

    public func recoveryCodesLeft(of userID: UserID) -> Int {
        recoveryCodes[userID]?.count { $0.usedAt == nil } ?? 0
    }

    public func removeAll(of userID: UserID) {
        authenticatorsByID = authenticatorsByID.filter { $0.value.userID != userID }
        lastSteps[userID] = nil
        recoveryCodes[userID] = nil
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemorySecondFactorStore {
    /// Removes the user's authenticators, recovery codes and replay record.
    public func eraseData(of user: User) { removeAll(of: user.id) }
}
