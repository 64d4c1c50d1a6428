import Foundation

/// A ``VerificationStore`` in memory. Actor isolation makes `redeem` atomic.
public actor InMemoryVerificationStore: VerificationStore {
    private var byID: [VerificationID: VerificationCode] = [:]

    /// Creates an empty store.
    public init() {}

    public func replace(with code: VerificationCode) {
        for (id, other) in byID
        where other.userID == code.userID && other.purpose == code.purpose && other.consumedAt == nil {
            byID[id] = nil
        }
        byID[code.id] = code
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
