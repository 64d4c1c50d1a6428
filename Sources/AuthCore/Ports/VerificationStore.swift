import Foundation

/// One-time codes, stored hashed.
public protocol VerificationStore: UserDataEraser {
    /// Stores `code` and deletes every other unconsumed code of the same user and purpose that
    /// carries no pending password, so a resend replaces the earlier code. A pending sign-up (a
    /// row with ``VerificationCode/pendingPasswordHash``) is never replaced: it belongs to whoever
    /// made that sign-up, and only its own code ends it. A decoy (no user) replaces the earlier
    /// unconsumed decoy with the same ``VerificationCode/decoyKey`` and purpose, as a real code would.
    func replace(with code: VerificationCode) async throws
    /// Stores `code` beside every other code: a pending sign-up, or a decoy (no user).
    func add(_ code: VerificationCode) async throws
    /// Deletes every unconsumed code of `userID` for `purpose`, pending sign-ups included (the
    /// account was verified, or its password changed, so they may no longer do anything).
    func discard(of userID: UserID, purpose: VerificationPurpose) async throws
    /// The unconsumed, unexpired pending sign-ups of `userID` at `now`, newest first.
    func pendingSignUps(of userID: UserID, at now: Date) async throws -> [VerificationCode]
    /// The code with `id`, or `nil`.
    func code(id: VerificationID) async throws -> VerificationCode?
    /// Tries to redeem a code, atomically.
    ///
    /// In this order: no unconsumed code with `id` and `purpose` → `.notFound`; expired at `now` →
    /// `.expired`; already `maxAttempts` wrong tries → `.exhausted`; `codeHash` differs → the
    /// attempt is counted and `.mismatch` returned (`.exhausted` once none remain is reported on the
    /// next try); otherwise the code is marked consumed and `.redeemed` returned. Of any number of
    /// concurrent correct submissions exactly one sees `.redeemed`.
    func redeem(
        id: VerificationID, purpose: VerificationPurpose, codeHash: [UInt8], at now: Date, maxAttempts: Int
    ) async throws -> RedeemOutcome
    /// Deletes codes that expired before `cutoff`; returns how many.
    @discardableResult
    func purge(expiredBefore cutoff: Date) async throws -> Int
}
