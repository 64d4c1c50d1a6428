import Foundation

/// Creates sessions and their tokens; shared by every flow that signs someone in.
struct SessionIssuer: Sendable {
    let sessions: any SessionStore
    let credentials: any CredentialStore
    let cache: CacheInvalidator
    let tokens: TokenSigner
    let audit: Auditor
    let abuse: AbuseGuard
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Creates a session for `user`.
    /// - Parameter amr: how the user proved themselves (``AuthenticationMethodReference``).
    /// - Parameter aal: the assurance level reached: 2 when a second factor was proven.
    /// - Parameter provenPassword: the PHC hash a password sign-in verified. A reset can complete
    ///   while that sign-in was hashing; the session is checked against the password once it
    ///   exists, so it either predates the reset (and the reset ended it) or sees the new password
    ///   and is revoked here.
    func signIn(
        _ user: User, client: ClientContext, amr: [String], aal: Int = 1, provenPassword: String? = nil
    ) async throws -> SignedIn {
        guard !user.isBanned else { throw AuthError.invalidCredentials }
        let now = clock.now
        let session = Session(
            userID: user.id, client: client, createdAt: now,
            expiresAt: now.addingTimeInterval(configuration.sessionTTL.timeInterval),
            secondFactorAt: aal >= 2 ? now : nil, amr: amr, aal: aal)
        try await sessions.insert(session)
        if let provenPassword, try await credentials.passwordHash(for: user.id) != provenPassword {
            try await sessions.revoke(session.id, at: now)
            await cache.sessions([session.id])
            await audit.record(.signInFailed, user: user, client: client, detail: "password_changed")
            throw AuthError.invalidCredentials
        }
        let token = try await tokens.sign(session)
        // This network signed in: its owner is not held to the limit on new networks.
        try await abuse.recordSignIn(for: user.email, from: client)
        await audit.record(.signInSucceeded, user: user, client: client)
        return SignedIn(token: token, session: session, user: user)
    }
}
