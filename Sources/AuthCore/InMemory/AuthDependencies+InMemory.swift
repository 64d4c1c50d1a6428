extension AuthDependencies {
    /// Every port in memory: the embedded default, and what testers swap in. Each store is built
    /// here, explicitly; the account eraser and the admin directory work over these same stores.
    /// - Parameters:
    ///   - mailer: where mail goes (default: the log).
    ///   - hasher: the password hasher (default: Argon2id with the default parameters).
    ///   - clock: the time source shared by every adapter.
    ///   - random: the randomness source.
    public static func inMemory(
        mailer: any Mailer = LogMailer(), hasher: any PasswordHasher = Argon2idPasswordHasher(),
        clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()
    ) -> AuthDependencies {
        let (users, credentials, sessions) = (InMemoryUserStore(), InMemoryCredentialStore(), InMemorySessionStore())
        let (verifications, oauthAccounts) = (InMemoryVerificationStore(), InMemoryOAuthAccountStore())
        let (secondFactors, audit, passkeys) = (InMemorySecondFactorStore(), InMemoryAuditLog(), InMemoryPasskeyStore())
        let adminRoles = InMemoryAdminRoleStore(users: users)
        let openIDGrants = InMemoryOpenIDGrantStore()
        // The user store first, so nothing can sign in to the account while the rest goes.
        let eraser = StoreByStoreAccountEraser(
            stores: [users, credentials, sessions, verifications, oauthAccounts, secondFactors, passkeys, adminRoles, openIDGrants],
            audit: audit)
        return AuthDependencies(
            users: users, credentials: credentials, sessions: sessions, refreshTokens: InMemoryRefreshTokenStore(),
            verifications: verifications, oauthAccounts: oauthAccounts, secondFactors: secondFactors,
            passkeys: passkeys, ephemeralStates: InMemoryEphemeralStateStore(clock: clock), eraser: eraser,
            signingKeys: InMemorySigningKeyStore(), cache: InMemorySessionCache(clock: clock), mailer: mailer,
            hasher: hasher, audit: audit, adminRoles: adminRoles,
            directory: InMemoryAdminDirectory(users: users, sessions: sessions, audit: audit),
            outbox: nil, webhooks: nil, openIDClients: InMemoryOpenIDClientStore(), openIDGrants: openIDGrants,
            rateLimiter: InMemoryRateLimiter(clock: clock), clock: clock, random: random)
    }
}
