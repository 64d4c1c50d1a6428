import Foundation

/// Sign-up: creates an unverified account and mails a verification code.
///
/// Each sign-up is a *pending sign-up*: its own code, bound to the password it carried. That
/// password is installed when, and only when, that sign-up's own code is redeemed, so:
/// - a repeat sign-up for an unverified address never replaces another's password nor cancels
///   another's code (no one who cannot read the mailbox can choose the password of the account);
/// - a stranger's earlier sign-up never blocks the owner: the owner signs up, gets a code of their
///   own, and verifies with their own password (no squatting).
///
/// Enumeration-safe: the answer has the same shape, and costs the same password hash, whether or
/// not the address already has an account. An existing verified owner gets a "someone tried to sign
/// up" mail and the caller a decoy challenge.
public struct SignUpFlow: Sendable {
    let users: any UserStore
    let hasher: any PasswordHasher
    let mailer: any Mailer
    let codes: CodeIssuer
    let abuse: AbuseGuard
    let audit: Auditor
    let hooks: HookRunner
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Signs up `email` with `password`.
    /// - Throws: `AuthError(.invalidRequest)` for a malformed email or a password outside the
    ///   allowed length; `rate_limited` when the address's mail budget is spent (counted for
    ///   every sign-up, so the answer does not depend on whether the address has an account);
    ///   `AuthError(.overloaded)` when hashing is saturated; `AuthError(.signUpDenied)` when the
    ///   before-sign-up hook denies a new account, `AuthError(.unavailable)` when it fails.
    public func callAsFunction(email rawEmail: String, password: String, client: ClientContext) async throws
        -> CodeChallenge
    {
        let email = try EmailAddress(rawEmail)
        try configuration.validatePassword(password)
        try await abuse.countMail(to: email, from: client)
        // Hash before looking the address up, so both branches cost the same.
        let phc = try await hasher.hash(password)
        for _ in 0..<2 {
            if let existing = try await users.user(email: email) {
                guard !existing.isEmailVerified else {
                    try await mailer.send(MailMessage(to: existing.email, kind: .signUpAttempted(at: clock.now)))
                    return try await codes.decoy(purpose: .signUp, for: email)
                }
                return try await sendCode(to: existing, carrying: phc)
            }
            // Only a new account is put to the hook: asking for an existing one would let the hook's
            // answer tell the caller whether the address has an account.
            try await hooks.beforeUserCreated(SignUpAttempt(email: email, client: client))
            let user = User(email: email, createdAt: clock.now)
            do {
                try await users.insert(user)
            } catch let error as AuthError where error.code == .conflict {
                continue  // a concurrent sign-up won the race; answer as for an existing address
            }
            await audit.record(.signUp, user: user, client: client)
            return try await sendCode(to: user, carrying: phc)
        }
        throw AuthError(.internal, "sign-up could not complete")
    }

    private func sendCode(to user: User, carrying phc: String) async throws -> CodeChallenge {
        let (challenge, code) = try await codes.issueSignUp(for: user.id, carrying: phc)
        try await mailer.send(MailMessage(to: user.email, kind: .verifyEmail(code: code, expiresAt: challenge.expiresAt)))
        return challenge
    }
}

extension AuthConfiguration {
    /// Checks a new password against the length policy (counted in characters).
    /// - Throws: `AuthError(.invalidRequest)` naming the allowed range.
    func validatePassword(_ password: String) throws {
        guard passwordLength.contains(password.count) else {
            throw AuthError.invalidRequest(
                "password must be \(passwordLength.lowerBound) to \(passwordLength.upperBound) characters")
        }
    }
}
