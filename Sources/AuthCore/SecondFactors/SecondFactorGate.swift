/// Where every first factor ends: a session when the user has no second factor, otherwise one
/// challenge for all of the user's methods (docs/api.md, "Second factors"). Password and OAuth sign-in both pass
/// through here, so no first factor can skip the second.
struct SecondFactorGate: Sendable {
    let factors: SecondFactorRegistry
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let abuse: AbuseGuard
    let audit: Auditor

    /// Signs `user` in, or opens the second-factor challenge.
    /// - Parameter firstFactor: the `amr` value of the factor just proven (``AuthenticationMethodReference``).
    /// - Parameter password: the PHC hash the first factor was proven against, if it was a
    ///   password: the session is kept only if the password is still that one once it exists.
    func afterFirstFactor(
        _ user: User, client: ClientContext, firstFactor: String, password: String? = nil
    ) async throws -> SignInResult {
        let methods = try await factors.methods(for: user, after: firstFactor)
        guard !methods.isEmpty else {
            return .signedIn(try await sessions.signIn(user, client: client, amr: [firstFactor], provenPassword: password))
        }
        // The mailed code counts against the address's budget like every other mail: a stolen
        // password from many networks cannot mail-bomb the owner or grind fresh codes.
        if methods.contains(.email) { try await abuse.countMail(to: user.email, from: client) }
        let challenge: CodeChallenge, code: String
        do {
            (challenge, code) = try await codes.issue(for: user.id, purpose: .mfa, firstFactor: firstFactor)
        } catch let error as AuthError where error.code == .notFound {
            // The account was deleted since it was read (the code's row names no user): answer as
            // for an unknown account, as the session insert does.
            throw AuthError.invalidCredentials
        }
        for method in methods {
            try await factors.factor(method)?.challengeOpened(challenge, code: code, for: user)
        }
        await audit.record(.mfaChallenged, user: user, client: client)
        return .mfaRequired(MFAChallenge(verificationID: challenge.verificationID, expiresAt: challenge.expiresAt, methods: methods))
    }
}
