/// Email verification: redeems a `sign_up` code, marks the address verified and signs in.
///
/// Whoever holds the code holds the mailbox, so a password they send with it is theirs to set, and
/// is installed. Without one, a code from a sign-up installs the password that sign-up carried; a
/// code from a resend (which cannot know whose sign-up it answers: a squatter may have signed up
/// first with a password of their own) installs none and removes any the unverified account held.
/// The answer says whether a password was set, so a client can ask the owner for one (see
/// docs/api.md, "Account lifecycle and enumeration"). Either way every other pending sign-up of the account dies.
public struct VerifyEmailFlow: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let verifications: any VerificationStore
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let hasher: any PasswordHasher
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// What a verification produced.
    public struct Verified: Sendable {
        /// The new session.
        public let signedIn: SignedIn
        /// Whether the account now has a password: `false` after a resent code redeemed without
        /// one, when the owner signs in by mailed code or sets a password through the reset flow.
        public let passwordSet: Bool
    }

    /// Verifies with a mailed code and returns a new session.
    /// - Throws: as ``verify(id:code:password:client:)``.
    public func callAsFunction(id: VerificationID, code: String, client: ClientContext) async throws -> SignedIn {
        try await verify(id: id, code: code, password: nil, client: client).signedIn
    }

    /// Verifies with a mailed code, installs `password` when one is given, and returns a new session.
    /// - Parameter password: the password the code's holder chooses (on the resend path: the one
    ///   they signed up with); `nil` keeps the sign-up's own, or none for a resent code.
    /// - Throws: `invalid_request` for a password outside the policy, `overloaded` when the
    ///   hashing pool is full (both before the code is spent); `invalid_code` (also for a leftover
    ///   code of an account verified meanwhile: it may no longer sign anyone in), `code_expired` or
    ///   `too_many_attempts`.
    public func verify(id: VerificationID, code: String, password: String?, client: ClientContext) async throws -> Verified {
        // Hashed before the code is redeemed: a hash that fails must not leave the code spent and
        // the address verified without the password its owner sent.
        var sent: String?
        if let password {
            try configuration.validatePassword(password)
            sent = try await hasher.hash(password)
        }
        let row = try await codes.redeem(id, code: code, purpose: .signUp)
        guard let userID = row.userID, var user = try await users.user(id: userID),
              try await users.markEmailVerified(userID, at: clock.now)
        else { throw AuthError.invalidCode }
        let chosen = sent ?? row.pendingPasswordHash
        if let chosen {
            try await credentials.setPasswordHash(chosen, for: userID)
        } else {
            try await credentials.removePasswordHash(for: userID)
        }
        try await verifications.discard(of: userID, purpose: .signUp)
        user.isEmailVerified = true
        await audit.record(.emailVerified, user: user, client: client)
        // The mailed code, and a password when one was installed with it: one factor's worth of
        // assurance for a new account.
        let amr = chosen == nil
            ? [AuthenticationMethodReference.email]
            : [AuthenticationMethodReference.password, AuthenticationMethodReference.email]
        return Verified(signedIn: try await sessions.signIn(user, client: client, amr: amr), passwordSet: chosen != nil)
    }
}
