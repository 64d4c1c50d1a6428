import Foundation

/// Issues and redeems one-time codes; shared by every flow that mails a code.
struct CodeIssuer: Sendable {
    let verifications: any VerificationStore
    let codeHasher: CodeHasher
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration

    /// Makes a fresh 6-digit code for `userID`, replacing any earlier one of the same purpose
    /// (never a pending sign-up: see ``VerificationStore/replace(with:)``).
    /// - Parameter firstFactor: for an `mfa` challenge, the `amr` value of the factor that opened it.
    /// - Parameter pendingEmail: for an `email_change` code, the address it proves.
    func issue(
        for userID: UserID, purpose: VerificationPurpose, firstFactor: String? = nil, pendingEmail: EmailAddress? = nil
    ) async throws -> (CodeChallenge, code: String) {
        var (row, code) = makeRow(for: userID, purpose: purpose)
        row.firstFactor = firstFactor
        row.pendingEmail = pendingEmail
        try await verifications.replace(with: row)
        AuthMetrics.codeIssued(purpose)
        return (CodeChallenge(verificationID: row.id, expiresAt: row.expiresAt), code)
    }

    /// A pending sign-up: a fresh `sign_up` code bound to the password its sign-up carried, stored
    /// beside every other pending sign-up of the account.
    func issueSignUp(for userID: UserID, carrying passwordHash: String) async throws -> (CodeChallenge, code: String) {
        var (row, code) = makeRow(for: userID, purpose: .signUp)
        row.pendingPasswordHash = passwordHash
        try await verifications.add(row)
        AuthMetrics.codeIssued(.signUp)
        return (CodeChallenge(verificationID: row.id, expiresAt: row.expiresAt), code)
    }

    /// A challenge for an address that must not be revealed. It is stored like a real one (same
    /// cost, same expiry) but belongs to no user and its hash matches no code, so submitting to it
    /// goes through exactly the answers a real code gives: `invalid_code` for each guess,
    /// `too_many_attempts` after the limit, `code_expired` after the expiry.
    ///
    /// A new decoy for the same address and purpose replaces the earlier one, as a real resend
    /// or reset replaces its earlier code: the first id then answers `invalid_code` either way.
    func decoy(purpose: VerificationPurpose, for email: EmailAddress) async throws -> CodeChallenge {
        var (row, _) = makeRow(for: nil, purpose: purpose)
        row.decoyKey = codeHasher.tag(email.value)
        try await verifications.replace(with: row)
        return CodeChallenge(verificationID: row.id, expiresAt: row.expiresAt)
    }

    private func makeRow(for userID: UserID?, purpose: VerificationPurpose) -> (VerificationCode, String) {
        let now = clock.now
        // A decoy's code is drawn and hashed too, so both kinds cost the same; it is never sent.
        let code = random.digits(6)
        let id = VerificationID()
        let row = VerificationCode(
            id: id, userID: userID, purpose: purpose, codeHash: codeHasher.hash(code: code, id: id, purpose: purpose),
            createdAt: now, expiresAt: now.addingTimeInterval(configuration.codeTTL.timeInterval))
        return (row, code)
    }

    /// Redeems `code` for the row `id`, or throws the public reason it failed.
    func redeem(_ id: VerificationID, code: String, purpose: VerificationPurpose) async throws -> VerificationCode {
        let hash = codeHasher.hash(code: code, id: id, purpose: purpose)
        return try await settle(id, purpose: purpose, codeHash: hash)
    }

    /// The live row `id` of `purpose`, for a check done outside the store (a second factor); throws
    /// what ``redeem(_:code:purpose:)`` would for a row that cannot be redeemed. Nothing is
    /// counted or consumed: follow with ``settle(_:proven:)``.
    func open(_ id: VerificationID, purpose: VerificationPurpose) async throws -> VerificationCode {
        guard let row = try await verifications.code(id: id), row.purpose == purpose, row.consumedAt == nil else {
            throw AuthError.invalidCode
        }
        guard clock.now < row.expiresAt else { throw AuthError.codeExpired }
        guard row.failedAttempts < configuration.maxCodeAttempts else {
            throw AuthError.tooManyAttempts
        }
        return row
    }

    /// Ends an attempt on an ``open(_:purpose:)``ed row through the store's atomic `redeem`: a
    /// proven attempt consumes the row (of concurrent ones exactly one wins), a failed one counts
    /// against its attempts.
    /// - Returns: the consumed row.
    /// - Throws: `invalid_code` for a failed attempt, or the reason the row could not be consumed.
    @discardableResult
    func settle(_ row: VerificationCode, proven: Bool) async throws -> VerificationCode {
        // No stored hash is empty (each is an HMAC-SHA256), so an empty one counts as a wrong code.
        try await settle(row.id, purpose: row.purpose, codeHash: proven ? row.codeHash : [])
    }

    private func settle(_ id: VerificationID, purpose: VerificationPurpose, codeHash: [UInt8]) async throws
        -> VerificationCode
    {
        switch try await verifications.redeem(
            id: id, purpose: purpose, codeHash: codeHash, at: clock.now, maxAttempts: configuration.maxCodeAttempts)
        {
        case .redeemed(let row):
            AuthMetrics.codeRedeemed(row.purpose)
            return row
        case .mismatch, .notFound: throw AuthError.invalidCode
        case .expired: throw AuthError.codeExpired
        case .exhausted: throw AuthError.tooManyAttempts
        }
    }
}

extension AuthError {
    /// The one answer for a wrong, unknown, used or leftover code, whatever the reason: it never
    /// says which.
    static let invalidCode = AuthError(.invalidCode, "the code is invalid")
    /// The answer for a code past its expiry.
    static let codeExpired = AuthError(.codeExpired, "the code has expired; request a new one")
    /// The answer for a code that took too many wrong tries.
    static let tooManyAttempts = AuthError(.tooManyAttempts, "too many wrong codes; request a new one")
}
