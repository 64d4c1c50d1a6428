import AuthCore
import AuthTesting
import Testing

/// The in-memory adapters are products: they pass the same contract suites as every other adapter.
@Suite struct InMemoryContractTests {
    static func withUsers<S>(_ store: S) -> ContractFixture<WithUsers<S>> {
        ContractFixture(subject: WithUsers(users: InMemoryUserStore(), store: store), clock: ManualClock())
    }

    @Test(arguments: UserStoreContract.checks)
    func userStore(_ check: ContractCheck<any UserStore>) async throws {
        try await check.run(ContractFixture(subject: InMemoryUserStore(), clock: ManualClock()))
    }

    @Test(arguments: CredentialStoreContract.checks)
    func credentialStore(_ check: ContractCheck<WithUsers<any CredentialStore>>) async throws {
        try await check.run(Self.withUsers(InMemoryCredentialStore() as any CredentialStore))
    }

    @Test(arguments: SessionStoreContract.checks)
    func sessionStore(_ check: ContractCheck<WithUsers<any SessionStore>>) async throws {
        try await check.run(Self.withUsers(InMemorySessionStore() as any SessionStore))
    }

    @Test(arguments: RefreshTokenStoreContract.checks)
    func refreshTokenStore(_ check: ContractCheck<WithSessions<any RefreshTokenStore>>) async throws {
        let subject = WithSessions(
            users: InMemoryUserStore(), sessions: InMemorySessionStore(), store: InMemoryRefreshTokenStore() as any RefreshTokenStore)
        try await check.run(ContractFixture(subject: subject, clock: ManualClock()))
    }

    @Test(arguments: OpenIDClientStoreContract.checks)
    func openIDClientStore(_ check: ContractCheck<any OpenIDClientStore>) async throws {
        try await check.run(ContractFixture(subject: InMemoryOpenIDClientStore() as any OpenIDClientStore, clock: ManualClock()))
    }

    @Test(arguments: OpenIDGrantStoreContract.checks)
    func openIDGrantStore(_ check: ContractCheck<WithOpenIDClients<any OpenIDGrantStore>>) async throws {
        let subject = WithOpenIDClients(
            users: InMemoryUserStore(), sessions: InMemorySessionStore(), clients: InMemoryOpenIDClientStore(),
            store: InMemoryOpenIDGrantStore() as any OpenIDGrantStore)
        try await check.run(ContractFixture(subject: subject, clock: ManualClock()))
    }

    @Test(arguments: VerificationStoreContract.checks)
    func verificationStore(_ check: ContractCheck<WithUsers<any VerificationStore>>) async throws {
        try await check.run(Self.withUsers(InMemoryVerificationStore() as any VerificationStore))
    }

    @Test(arguments: OAuthAccountStoreContract.checks)
    func oauthAccountStore(_ check: ContractCheck<WithUsers<any OAuthAccountStore>>) async throws {
        try await check.run(Self.withUsers(InMemoryOAuthAccountStore() as any OAuthAccountStore))
    }

    @Test(arguments: SigningKeyStoreContract.checks)
    func signingKeyStore(_ check: ContractCheck<any SigningKeyStore>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemorySigningKeyStore() as any SigningKeyStore, clock: clock))
    }

    @Test(arguments: SecondFactorStoreContract.checks)
    func secondFactorStore(_ check: ContractCheck<WithUsers<any SecondFactorStore>>) async throws {
        try await check.run(Self.withUsers(InMemorySecondFactorStore() as any SecondFactorStore))
    }

    @Test(arguments: PasskeyStoreContract.checks)
    func passkeyStore(_ check: ContractCheck<WithUsers<any PasskeyStore>>) async throws {
        try await check.run(Self.withUsers(InMemoryPasskeyStore() as any PasskeyStore))
    }

    @Test(arguments: AuditLogContract.checks)
    func auditLog(_ check: ContractCheck<WithUsers<any AuditLog>>) async throws {
        try await check.run(Self.withUsers(InMemoryAuditLog() as any AuditLog))
    }

    @Test(arguments: AdminDirectoryContract.checks)
    func adminDirectory(_ check: ContractCheck<AuthDependencies>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: AuthDependencies.inMemory(clock: clock), clock: clock))
    }

    @Test(arguments: WebhookStoreContract.checks)
    func webhookStore(_ check: ContractCheck<any WebhookStore>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemoryWebhookStore(clock: clock) as any WebhookStore, clock: clock))
    }

    @Test(arguments: AdminRoleStoreContract.checks)
    func adminRoleStore(_ check: ContractCheck<WithUsers<any AdminRoleStore>>) async throws {
        let users = InMemoryUserStore()
        try await check.run(ContractFixture(
            subject: WithUsers(users: users, store: InMemoryAdminRoleStore(users: users) as any AdminRoleStore),
            clock: ManualClock()))
    }

    @Test(arguments: SessionCacheContract.checks)
    func sessionCache(_ check: ContractCheck<any SessionCache>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemorySessionCache(clock: clock), clock: clock))
    }

    @Test(arguments: RateLimiterContract.checks)
    func rateLimiter(_ check: ContractCheck<any RateLimiter>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemoryRateLimiter(clock: clock), clock: clock))
    }
}
