/// Password sign-in, with the second factor when the user has one (``SecondFactorGate``).
///
/// Unknown addresses still cost one password verification (against a dummy hash) so response
/// time does not reveal which addresses have accounts; every failure is the same
/// `invalid_credentials`. A correct password whose stored hash used other parameters is rehashed.
public struct SignInFlow: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let verifications: any VerificationStore
    let hasher: any PasswordHasher
    let gate: SecondFactorGate
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let dummyHash: DummyHash

    /// Signs in with `email` and `password`.
    /// - Throws: `invalid_credentials` for a wrong address or password (never saying which),
    ///   `email_not_verified` once the password proved right for an unverified account (right for
    ///   one of its pending sign-ups).
    public func callAsFunction(email rawEmail: String, password: String, client: ClientContext) async throws
        -> SignInResult
    {
        try await AuthMetrics.recordingSignIn(method: "password") {
            // An account deleted while this sign-in was under way answers as an unknown one: where
            // a row is written for it (the session, a second-factor challenge), not here.
            try await signIn(email: rawEmail, password: password, client: client)
        }
    }

    private func signIn(email rawEmail: String, password: String, client: ClientContext) async throws -> SignInResult {
        let email = try EmailAddress(rawEmail)
        guard password.count <= 1024 else { throw AuthError.invalidCredentials }
        // Charged before any hashing, and refused while this account's failure budget is spent
        // (keyed by the address, so unknown addresses answer alike). Only a password proven wrong
        // stays counted: success, and any failure to reach a verdict, give the charge back.
        let attempt = try await abuse.beginPasswordAttempt(for: email, from: client)
        let (found, phc, verdict) = try await abuse.settle(attempt, proven: { $0.2 != .wrong }) {
            () async throws -> (User?, String, PasswordVerdict) in
            let user = try await users.user(email: email)
            let stored: String? = if let user { try await credentials.passwordHash(for: user.id) } else { nil }
            let phc: String
            if let stored { phc = stored } else { phc = try await dummyHash.value(using: hasher) }
            if try await hasher.verify(password, against: phc), let user, stored != nil {
                return (user, phc, PasswordVerdict.account)
            }
            if let user, !user.isEmailVerified, try await provesPendingSignUp(of: user, password: password) {
                return (user, phc, PasswordVerdict.pendingSignUp)
            }
            return (user, phc, PasswordVerdict.wrong)
        }
        guard let user = found, verdict == .account else {
            if verdict == .pendingSignUp { throw AuthError(.emailNotVerified, "verify your email address before signing in") }
            await audit.record(.signInFailed, user: found, email: email, client: client, detail: "bad_credentials")
            throw AuthError.invalidCredentials
        }
        guard !user.isBanned else {
            await audit.record(.signInFailed, user: user, client: client, detail: "banned")
            throw AuthError.invalidCredentials
        }
        var proven = phc
        if hasher.needsRehash(phc) {
            let upgraded = try await hasher.hash(password)
            // Only if the hash is still the one just verified: a reset made meanwhile wins.
            if try await credentials.replacePasswordHash(upgraded, for: user.id, ifCurrent: phc) { proven = upgraded }
        }
        guard user.isEmailVerified else {
            throw AuthError(.emailNotVerified, "verify your email address before signing in")
        }
        return try await gate.afterFirstFactor(user, client: client, firstFactor: AuthenticationMethodReference.password, password: proven)
    }

    /// Whether `password` is the one a live pending sign-up of `user` carried (the account has no
    /// password until one is verified). Checked only once the account's own password failed.
    private func provesPendingSignUp(of user: User, password: String) async throws -> Bool {
        for pending in try await verifications.pendingSignUps(of: user.id, at: clock.now).prefix(3) {
            if let phc = pending.pendingPasswordHash, try await hasher.verify(password, against: phc) { return true }
        }
        return false
    }
}

/// What a password proved.
private enum PasswordVerdict {
    /// The account's own password.
    case account
    /// The password of one of the (unverified) account's pending sign-ups.
    case pendingSignUp
    case wrong
}

/// A hash of a random password made once, lazily, with the configured parameters, so that a
/// sign-in for an unknown address costs exactly what a real one costs.
actor DummyHash {
    private var cached: String?

    func value(using hasher: any PasswordHasher) async throws -> String {
        if let cached { return cached }
        let made = try await hasher.hash(SystemRandomSource().digits(9) + "-dummy-password")
        cached = made
        return made
    }
}
