/// `POST /email` and `POST /email/confirm`: moves an account to a new address once a code mailed
/// to that address proves it belongs to the user.
///
/// Asking needs a recent authentication. An address that already has an account gets a decoy
/// challenge (the same answer, no mail), so the flow cannot be used to find out who has an
/// account. The switch itself is decided by the user store's uniqueness: of two users claiming one
/// address, exactly one wins. Afterwards every other session ends, and the old address is told.
public struct EmailChangeFlow: Sendable {
    let users: any UserStore
    let factors: SecondFactorRegistry
    let sessions: any SessionStore
    let verifications: any VerificationStore
    let cache: CacheInvalidator
    let mailer: any Mailer
    let notices: Notifier
    let codes: CodeIssuer
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Mails a code to `newEmail` for the user of `auth`.
    /// - Throws: `reauthentication_required`; `invalid_request` for a malformed address or the
    ///   current one; `rate_limited` when the new address's mail budget is spent.
    public func request(_ auth: Authenticated, newEmail rawEmail: String, client: ClientContext) async throws
        -> CodeChallenge
    {
        try await auth.requireRecentSecondFactor(at: clock.now, configuration, factors: factors)
        let email = try EmailAddress(rawEmail)
        guard email != auth.user.email else { throw AuthError.invalidRequest("new_email is the current address") }
        try await abuse.countMail(to: email, from: client)
        await audit.record(.emailChangeRequested, user: auth.user, client: client)
        guard try await users.user(email: email) == nil else {
            // A taken address: a challenge of this user's that moves nowhere and is mailed to no
            // one. It is stored, replaced by the user's next request and counted exactly like a
            // real one, so no sequence of requests tells a taken address from a free one.
            let (challenge, _) = try await codes.issue(for: auth.user.id, purpose: .emailChange, pendingEmail: nil)
            return challenge
        }
        let (challenge, code) = try await codes.issue(for: auth.user.id, purpose: .emailChange, pendingEmail: email)
        try await mailer.send(MailMessage(to: email, kind: .verifyNewEmail(code: code, expiresAt: challenge.expiresAt)))
        return challenge
    }

    /// Switches the account of `auth` to the address the code `id` was mailed to.
    /// - Returns: the new address.
    /// - Throws: `invalid_code`, `code_expired`, `too_many_attempts` (a decoy's code, or another
    ///   user's, is always `invalid_code`); `conflict` when someone took the address meanwhile.
    public func confirm(_ auth: Authenticated, id: VerificationID, code: String, client: ClientContext) async throws
        -> EmailAddress
    {
        // Another user's challenge is refused before its code is tried (or counted). A decoy (no
        // user) goes through the same redeem as a real code, so wrong codes, the attempt limit
        // and expiry answer alike for taken and free addresses.
        if let owner = try await verifications.code(id: id)?.userID, owner != auth.user.id { throw AuthError.invalidCode }
        let redeemed = try await codes.redeem(id, code: code, purpose: .emailChange)
        guard let email = redeemed.pendingEmail else { throw AuthError.invalidCode }
        let now = clock.now
        try await users.changeEmail(auth.user.id, to: email, at: now)
        // Codes mailed to the old address may no longer do anything.
        for purpose in [VerificationPurpose.passwordReset, .emailSignIn, .mfa] {
            try await verifications.discard(of: auth.user.id, purpose: purpose)
        }
        let ended = try await sessions.revokeAll(of: auth.user.id, except: auth.session.id, at: now)
        await audit.record(.emailChanged, user: auth.user, client: client, detail: "sessions_ended:\(ended.count)")
        await notices.send(MailMessage(
            to: auth.user.email, kind: .emailChanged(newEmail: email.value, at: now, client: client.clientName)))
        try await cache.sessions(ended, andUser: auth.user.id)
        return email
    }
}
