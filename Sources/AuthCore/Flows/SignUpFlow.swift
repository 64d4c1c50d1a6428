import Foundation

/// Sign-up: creates an unverified account and mails a verification code.
///
/// Enumeration-safe: the answer has the same shape, and costs the same password hash, whether or
/// not the address already has an account. An existing verified owner gets a "someone tried to sign
/// up" mail instead of a code; an existing *unverified* account takes the new password and a fresh
/// code (so whoever controls the mailbox ends up owning the account, never an earlier squatter).
public struct SignUpFlow: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let hasher: any PasswordHasher
    let mailer: any Mailer
    let codes: CodeIssuer
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Signs up `email` with `password`.
    /// - Throws: `AuthError(.invalidRequest)` for a malformed email or a password outside the
    ///   allowed length; `AuthError(.overloaded)` when hashing is saturated.
    public func callAsFunction(email rawEmail: String, password: String, client: ClientContext) async throws
        -> CodeChallenge
    {
        let email = try EmailAddress(rawEmail)
        try configuration.validatePassword(password)
        // Hash before looking the address up, so both branches cost the same.
        let phc = try await hasher.hash(password)
        for _ in 0..<2 {
            if let existing = try await users.user(email: email) {
                return try await signUpAgain(existing, phc: phc, client: client)
            }
            let user = User(email: email, createdAt: clock.now)
            do {
                try await users.insert(user)
            } catch let error as AuthError where error.code == .conflict {
                continue  // a concurrent sign-up won the race; answer as for an existing address
            }
            try await credentials.setPasswordHash(phc, for: user.id)
            await audit.record(.signUp, user: user, client: client)
            return try await sendCode(to: user)
        }
        throw AuthError(.internal, "sign-up could not complete")
    }

    private func signUpAgain(_ user: User, phc: String, client: ClientContext) async throws -> CodeChallenge {
        guard !user.isEmailVerified else {
            try await mailer.send(MailMessage(to: user.email, kind: .signUpAttempted(at: clock.now)))
            return codes.decoy()
        }
        try await credentials.setPasswordHash(phc, for: user.id)
        return try await sendCode(to: user)
    }

    private func sendCode(to user: User) async throws -> CodeChallenge {
        let (challenge, code) = try await codes.issue(for: user.id, purpose: .signUp)
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
