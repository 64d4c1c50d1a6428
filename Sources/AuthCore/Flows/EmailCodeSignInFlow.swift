/// Sign-in by mailed code, without a password (`POST /sign-in/email-code` and `/verify`).
///
/// Enumeration-safe: an unknown, unverified or banned address gets a stored decoy challenge that
/// answers exactly like a real one (wrong codes, attempt limit, expiry) and sends nothing. Each
/// code counts against the address's mail budget. The mailed code proves the mailbox, which is the
/// first factor here: a user with another second factor (an app, a passkey) is still asked for it;
/// the mailed second factor (`email`) is not asked again.
public struct EmailCodeSignInFlow: Sendable {
    let users: any UserStore
    let mailer: any Mailer
    let codes: CodeIssuer
    let gate: SecondFactorGate
    let abuse: AbuseGuard
    let audit: Auditor

    /// Mails a sign-in code to `email` if it belongs to a verified account.
    /// - Throws: `invalid_request` for a malformed address; `rate_limited` when the address's mail
    ///   budget for the caller's network is spent (for any address).
    public func request(email rawEmail: String, client: ClientContext) async throws -> CodeChallenge {
        let email = try EmailAddress(rawEmail)
        try await abuse.countMail(to: email, from: client)
        guard let user = try await users.user(email: email), user.isEmailVerified, !user.isBanned else {
            await audit.record(.signInCodeRequested, email: email, client: client, detail: "decoy")
            return try await codes.decoy(purpose: .emailSignIn, for: email)
        }
        let (challenge, code) = try await codes.issue(for: user.id, purpose: .emailSignIn)
        try await mailer.send(MailMessage(to: user.email, kind: .signInCode(code: code, expiresAt: challenge.expiresAt)))
        await audit.record(.signInCodeRequested, user: user, client: client)
        return challenge
    }

    /// Signs in with the mailed code, or opens the second-factor challenge.
    /// - Throws: `invalid_code`, `code_expired` or `too_many_attempts`, alike for decoys.
    public func verify(id: VerificationID, code: String, client: ClientContext) async throws -> SignInResult {
        try await AuthMetrics.recordingSignIn(method: "email_code") {
            try await signIn(id: id, code: code, client: client)
        }
    }

    private func signIn(id: VerificationID, code: String, client: ClientContext) async throws -> SignInResult {
        let row = try await codes.redeem(id, code: code, purpose: .emailSignIn)
        guard let userID = row.userID, let user = try await users.user(id: userID), !user.isBanned else {
            throw AuthError.invalidCode
        }
        return try await gate.afterFirstFactor(user, client: client, firstFactor: AuthenticationMethodReference.email)
    }
}
