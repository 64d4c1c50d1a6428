import Foundation

/// Issues and redeems one-time codes; shared by every flow that mails a code.
struct CodeIssuer: Sendable {
    let verifications: any VerificationStore
    let codeHasher: CodeHasher
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration

    /// Makes a fresh 6-digit code for `userID`, replacing any earlier one of the same purpose.
    func issue(for userID: UserID, purpose: VerificationPurpose) async throws -> (CodeChallenge, code: String) {
        let now = clock.now
        let code = random.digits(6)
        let id = VerificationID()
        let expiresAt = now.addingTimeInterval(configuration.codeTTL.timeInterval)
        let row = VerificationCode(
            id: id, userID: userID, purpose: purpose,
            codeHash: codeHasher.hash(code: code, id: id, purpose: purpose), createdAt: now, expiresAt: expiresAt)
        try await verifications.replace(with: row)
        return (CodeChallenge(verificationID: id, expiresAt: expiresAt), code)
    }

    /// A challenge indistinguishable from a real one, for addresses that must not be revealed.
    func decoy() -> CodeChallenge {
        CodeChallenge(
            verificationID: VerificationID(), expiresAt: clock.now.addingTimeInterval(configuration.codeTTL.timeInterval))
    }

    /// Redeems `code` for the row `id`, or throws the public reason it failed.
    func redeem(_ id: VerificationID, code: String, purpose: VerificationPurpose) async throws -> VerificationCode {
        let hash = codeHasher.hash(code: code, id: id, purpose: purpose)
        switch try await verifications.redeem(
            id: id, purpose: purpose, codeHash: hash, at: clock.now, maxAttempts: configuration.maxCodeAttempts)
        {
        case .redeemed(let row): return row
        case .mismatch, .notFound: throw AuthError(.invalidCode, "the code is invalid")
        case .expired: throw AuthError(.codeExpired, "the code has expired; request a new one")
        case .exhausted: throw AuthError(.tooManyAttempts, "too many wrong codes; request a new one")
        }
    }
}
