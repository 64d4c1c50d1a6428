/// Password reset by mailed code. Completing it ends every session of the user, kills every
/// leftover code (pending sign-ups, open MFA challenges) and mails a notice.
///
/// Enumeration-safe: a request for an unknown or banned address answers with a stored decoy that
/// behaves like a real challenge, and sends nothing.
public struct PasswordResetFlow: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let sessions: any SessionStore
    let verifications: any VerificationStore
    let cache: CacheInvalidator
    let hasher: any PasswordHasher
    let mailer: any Mailer
    let notices: Notifier
    let codes: CodeIssuer
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Mails a reset code to `email` if it has an account.
    /// - Throws: `rate_limited` when the address's mail budget for the caller's network is spent
    ///   (for any address).
    public func request(email rawEmail: String, client: ClientContext) async throws -> CodeChallenge {
        let email = try EmailAddress(rawEmail)
        try await abuse.countMail(to: email, from: client)
        guard let user = try await users.user(email: email), !user.isBanned else {
            let decoy = try await codes.decoy(purpose: .passwordReset, for: email)
            await audit.record(.passwordResetRequested, email: email, client: client, detail: "decoy")
            return decoy
        }
        let (challenge, code) = try await codes.issue(for: user.id, purpose: .passwordReset)
        try await mailer.send(MailMessage(to: user.email, kind: .resetPassword(code: code, expiresAt: challenge.expiresAt)))
        await audit.record(.passwordResetRequested, user: user, client: client)
        return challenge
    }

    /// Sets a new password with the mailed code.
    /// - Throws: `invalid_request` for a password outside the policy (checked before the code is
    ///   spent), `invalid_code`, `code_expired` or `too_many_attempts`.
    public func complete(id: VerificationID, code: String, newPassword: String, client: ClientContext) async throws {
        try configuration.validatePassword(newPassword)
        let phc = try await hasher.hash(newPassword)
        let row = try await codes.redeem(id, code: code, purpose: .passwordReset)
        guard let userID = row.userID, var user = try await users.user(id: userID) else {
            throw AuthError.invalidCode
        }
        try await credentials.setPasswordHash(phc, for: userID)
        // Redeeming a mailed code proves control of the address.
        if try await users.markEmailVerified(userID, at: clock.now) { user.isEmailVerified = true }
        // Codes issued before the change may no longer do anything: a pending sign-up would
        // install its own password, an open MFA challenge would finish a sign-in made with the old one.
        try await verifications.discard(of: userID, purpose: .signUp)
        try await verifications.discard(of: userID, purpose: .mfa)
        await notices.send(MailMessage(to: user.email, kind: .passwordChanged(at: clock.now)))
        await audit.record(.passwordReset, user: user, client: client)
        try await endAllSessions(of: userID, sessions: sessions, cache: cache, clock: clock)
    }
}
