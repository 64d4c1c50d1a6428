/// Resends a verification code for an unverified address.
///
/// The new code replaces the earlier resent one but no pending sign-up: whoever signed up keeps
/// their own code and password. Because a resend cannot know whose sign-up it answers, its code
/// carries no password (see ``VerifyEmailFlow``): redeeming it verifies the address and signs in.
///
/// Enumeration-safe: unknown and already-verified addresses get a stored decoy that answers like a
/// real challenge, and no mail.
public struct ResendVerificationFlow: Sendable {
    let users: any UserStore
    let mailer: any Mailer
    let codes: CodeIssuer
    let abuse: AbuseGuard

    /// Mails a fresh verification code to `email` if it has an unverified account.
    /// - Throws: `rate_limited` when the address's mail budget is spent (for any address).
    public func callAsFunction(email rawEmail: String, client: ClientContext) async throws -> CodeChallenge {
        let email = try EmailAddress(rawEmail)
        try await abuse.countMail(to: email, from: client)
        guard let user = try await users.user(email: email), !user.isEmailVerified else {
            return try await codes.decoy(purpose: .signUp, for: email)
        }
        let (challenge, code) = try await codes.issue(for: user.id, purpose: .signUp)
        try await mailer.send(MailMessage(to: user.email, kind: .verifyEmail(code: code, expiresAt: challenge.expiresAt)))
        return challenge
    }
}
