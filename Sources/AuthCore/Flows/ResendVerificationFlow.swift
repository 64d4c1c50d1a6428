/// Resends the sign-up code. The new code replaces the earlier one.
///
/// Enumeration-safe: unknown and already-verified addresses get the same answer shape and no mail.
public struct ResendVerificationFlow: Sendable {
    let users: any UserStore
    let mailer: any Mailer
    let codes: CodeIssuer

    /// Mails a fresh verification code to `email` if it has an unverified account.
    public func callAsFunction(email rawEmail: String) async throws -> CodeChallenge {
        let email = try EmailAddress(rawEmail)
        guard let user = try await users.user(email: email), !user.isEmailVerified else { return codes.decoy() }
        let (challenge, code) = try await codes.issue(for: user.id, purpose: .signUp)
        try await mailer.send(MailMessage(to: user.email, kind: .verifyEmail(code: code, expiresAt: challenge.expiresAt)))
        return challenge
    }
}
