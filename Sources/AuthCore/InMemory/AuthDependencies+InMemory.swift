extension AuthDependencies {
    /// Every port in memory: the embedded default, and what testers swap in.
    /// - Parameters:
    ///   - mailer: where mail goes (default: the log).
    ///   - hasher: the password hasher (default: Argon2id with the default parameters).
    ///   - clock: the time source shared by every adapter.
    ///   - random: the randomness source.
    public static func inMemory(
        mailer: any Mailer = LogMailer(), hasher: any PasswordHasher = Argon2idPasswordHasher(),
        clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()
    ) -> AuthDependencies {
        AuthDependencies(
            users: InMemoryUserStore(), credentials: InMemoryCredentialStore(), sessions: InMemorySessionStore(),
            verifications: InMemoryVerificationStore(), oauthAccounts: InMemoryOAuthAccountStore(),
            secondFactors: InMemorySecondFactorStore(),
            cache: InMemorySessionCache(clock: clock), mailer: mailer, hasher: hasher, audit: InMemoryAuditLog(),
            clock: clock, random: random)
    }
}
