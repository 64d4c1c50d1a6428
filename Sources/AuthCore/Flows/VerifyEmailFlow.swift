/// Email verification: redeems a `sign_up` code, marks the address verified and signs in.
///
/// A code from a sign-up installs the password that sign-up carried; a code from a resend (which
/// cannot know whose sign-up it answers) installs none and removes any password the unverified
/// account held, so the owner signs in now and sets a password through the reset flow. Either
/// way every other pending sign-up of the account dies.
public struct VerifyEmailFlow: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let verifications: any VerificationStore
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let audit: Auditor
    let clock: any WallClock

    /// Verifies with a mailed code and returns a new session.
    /// - Throws: `invalid_code` (also for a leftover code of an account verified meanwhile: it may
    ///   no longer sign anyone in), `code_expired` or `too_many_attempts`.
    public func callAsFunction(id: VerificationID, code: String, client: ClientContext) async throws -> SignedIn {
        let row = try await codes.redeem(id, code: code, purpose: .signUp)
        guard let userID = row.userID, var user = try await users.user(id: userID),
              try await users.markEmailVerified(userID, at: clock.now)
        else { throw AuthError.invalidCode }
        if let phc = row.pendingPasswordHash {
            try await credentials.setPasswordHash(phc, for: userID)
        } else {
            try await credentials.removePasswordHash(for: userID)
        }
        try await verifications.discard(of: userID, purpose: .signUp)
        user.isEmailVerified = true
        await audit.record(.emailVerified, user: user, client: client)
        // The mailed code, and the sign-up's password when this code installed it: one factor's
        // worth of assurance for a new account.
        let amr = row.pendingPasswordHash == nil
            ? [AuthenticationMethodReference.email]
            : [AuthenticationMethodReference.password, AuthenticationMethodReference.email]
        return try await sessions.signIn(user, client: client, amr: amr)
    }
}
