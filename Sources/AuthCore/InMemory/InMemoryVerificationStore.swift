import Foundation

/// A ``VerificationStore`` in memory. Actor isolation makes `redeem` atomic.
public actor InMemoryVerificationStore: VerificationStore {
    private var byID: [VerificationID: VerificationCode] = [:]

    /// Creates an empty store.
    public init() {}

    public func replace(with code: VerificationCode) {
        if code.userID == nil, let key = code.decoyKey {
            for (id, other) in byID where other.decoyKey == key && other.purpose == code.purpose && other.consumedAt == nil {
                byID[id] = nil
            }
            return add(code)
        }
        // Pending sign-ups (and decoys without a key) never replace anything.
        guard code.pendingPasswordHash == nil, code.userID != nil else { return add(code) }
        for (id, other) in byID
        where other.userID == code.userID && other.purpose == code.purpose && other.consumedAt == nil
            && other.pendingPasswordHash == nil
        {
            byID[id] = nil
        }
        byID[code.id] = code
    }

    public func add(_ code: VerificationCode) { byID[code.id] = code }

    public func discard(of userID: UserID, purpose: VerificationPurpose) {
        for (id, other) in byID where other.userID == userID && other.purpose == purpose && other.consumedAt == nil {
            byID[id] = nil
        }
    }

    public func pendingSignUps(of userID: UserID, at now: Date) -> [VerificationCode] {
        byID.values
            .filter {
                $0.userID == userID && $0.purpose == .signUp && $0.consumedAt == nil && $0.pendingPasswordHash != nil
                    && now < $0.expiresAt
            }
            .sorted { $0.createdAt > $1.createdAt }
    }

    /// Deletes every code of `userID` (its ``UserDataEraser`` conformance).
    func remove(of userID: UserID) {
        byID = byID.filter { $0.value.userID != userID }
    }

    public func code(id: VerificationID) -> VerificationCode? { byID[id] }

    public func redeem(
        id: VerificationID, purpose: VerificationPurpose, codeHash: [UInt8], at now: Date, maxAttempts: Int
    ) -> RedeemOutcome {
        guard var row = byID[id], row.purpose == purpose, row.consumedAt == nil else { return .notFound }
        guard now < row.expiresAt else { return .expired }
        guard row.failedAttempts < maxAttempts else { return .exhausted }
        guard ConstantTime.equals(row.codeHash, codeHash) else {
            row.failedAttempts += 1
            byID[id] = row
            return .mismatch(remainingAttempts: maxAttempts - row.failedAttempts)
        }
        row.consumedAt = now
        byID[id] = row
        return .redeemed(row)
    }

    public func purge(expiredBefore cutoff: Date) -> Int {
        let dead = byID.values.filter { $0.expiresAt < cutoff }
        for row in dead { byID[row.id] = nil }
        return dead.count
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryVerificationStore {
    public func eraseData(of user: User) { remove(of: user.id) }
}
