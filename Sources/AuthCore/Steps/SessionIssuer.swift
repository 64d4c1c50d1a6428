import Foundation

/// Creates sessions and their tokens; shared by every flow that signs someone in.
struct SessionIssuer: Sendable {
    let users: any UserStore
    let sessions: any SessionStore
    let refreshTokens: any RefreshTokenStore
    let refreshMinter: RefreshTokens
    let credentials: any CredentialStore
    let tokens: TokenSigner
    let audit: Auditor
    let hooks: HookRunner
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
    /// - Throws: `invalid_credentials` when the account was banned, deleted, changed its address
    ///   or its password while this sign-in was under way (never a `not_found`: a deleted account
    ///   answers as an unknown one).
    func signIn(
        _ user: User, client: ClientContext, amr: [String], aal: Int = 1, provenPassword: String? = nil
    ) async throws -> SignedIn {
        guard !user.isBanned else { throw AuthError.invalidCredentials }
        let now = clock.now
        let session = Session(
            userID: user.id, client: client, createdAt: now,
            expiresAt: configuration.slidingExpiry(createdAt: now, now: now),
            secondFactorAt: aal >= 2 ? now : nil, amr: amr, aal: aal)
        // Asked before the session exists: a failing hook leaves nothing behind.
        let claims = try await hooks.customClaims(user, session)
        do {
            try await sessions.insert(session)
        } catch let error as AuthError where error.code == .notFound {
            // The account was deleted since it was read (the session's user no longer exists).
            throw AuthError.invalidCredentials
        }
        // A ban, an address change or a password change ends every session *that exists* when it
        // runs, and each writes the account before ending its sessions. Reading the account again
        // once this session exists closes the window: either that write is seen here, or the
        // session was inserted before the change ended sessions, and the change ended it.
        if let changed = try await changedDuringSignIn(user, provenPassword: provenPassword) {
            // No token was signed for it, so no cache can hold it: the store is all there is to end.
            try await sessions.revoke(session.id, at: now)
            await audit.record(.signInFailed, user: user, client: client, detail: changed)
            throw AuthError.invalidCredentials
        }
        let refreshToken = refreshMinter.token(for: session.id, generation: 0)
        try await refreshTokens.insert(session.id, tokenHash: RefreshTokens.hash(refreshToken))
        let expiresAt = configuration.accessTokenExpiry(now: now, sessionExpiry: session.expiresAt)
        let token = try await tokens.sign(session, expiresAt: expiresAt, extraClaims: claims)
        // This network signed in: its owner is not held to the limit on new networks.
        try await abuse.recordSignIn(for: user.email, from: client)
        await audit.record(.signInSucceeded, user: user, client: client)
        return SignedIn(
            token: token, refreshToken: refreshToken, tokenExpiresAt: expiresAt,
            expiresIn: Int(expiresAt.timeIntervalSince(now).rounded(.down)), session: session, user: user)
    }

    /// Why the account no longer accepts the session just made, as an audit detail; `nil` when it
    /// still does.
    private func changedDuringSignIn(_ user: User, provenPassword: String?) async throws -> String? {
        guard let current = try await users.user(id: user.id) else { return "deleted" }
        if current.isBanned { return "banned" }
        if current.email != user.email { return "email_changed" }
        if let provenPassword, try await credentials.passwordHash(for: user.id) != provenPassword {
            return "password_changed"
        }
        return nil
    }
}
