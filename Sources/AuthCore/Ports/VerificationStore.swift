import Foundation

/// One-time codes, stored hashed.
public protocol VerificationStore: Sendable {
    /// Stores `code` and deletes every other unconsumed code of the same user and purpose, so a
    /// resend replaces the earlier code.
    func replace(with code: VerificationCode) async throws
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
