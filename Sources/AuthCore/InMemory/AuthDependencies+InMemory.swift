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
        let (users, credentials, sessions) = (InMemoryUserStore(), InMemoryCredentialStore(), InMemorySessionStore())
        let (verifications, oauthAccounts) = (InMemoryVerificationStore(), InMemoryOAuthAccountStore())
        let (secondFactors, audit) = (InMemorySecondFactorStore(), InMemoryAuditLog())
        let passkeys = InMemoryPasskeyStore()
        return AuthDependencies(
            users: users, credentials: credentials, sessions: sessions, verifications: verifications,
            oauthAccounts: oauthAccounts, secondFactors: secondFactors,
            eraser: InMemoryAccountEraser(
                users: users, credentials: credentials, sessions: sessions, verifications: verifications,
                oauthAccounts: oauthAccounts, secondFactors: secondFactors, audit: audit, passkeys: passkeys),
            cache: InMemorySessionCache(clock: clock), mailer: mailer, hasher: hasher, audit: audit,
            passkeys: passkeys, ephemeralStates: InMemoryEphemeralStateStore(clock: clock), clock: clock, random: random)
    }
}
