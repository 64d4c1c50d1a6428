import AuthCore
import AuthStorePostgres
import AuthTesting
import Testing

/// The AuthTesting contract suites, unchanged, against a real PostgreSQL (each check on its own
/// freshly migrated schema).
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresContractTests {
    static func fixture<S>(_ stores: PostgresStores, _ store: S) -> ContractFixture<WithUsers<S>> {
        ContractFixture(subject: WithUsers(users: stores.users, store: store), clock: ManualClock())
    }

    @Test(arguments: AccountSecurityScenarios.checks)
    func accountSecurity(_ check: ContractCheck<AuthDependencies>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let deps = stores.dependencies(replacingStoresOf: AuthDependencies.inMemory(clock: clock))
            try await check.run(ContractFixture(subject: deps, clock: clock))
        }
    }

    @Test(arguments: AccountSettingsScenarios.checks)
    func accountSettings(_ check: ContractCheck<AuthDependencies>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let deps = stores.dependencies(replacingStoresOf: AuthDependencies.inMemory(clock: clock))
            try await check.run(ContractFixture(subject: deps, clock: clock))
        }
    }

    @Test(arguments: AdminDirectoryContract.checks)
    func adminDirectory(_ check: ContractCheck<AuthDependencies>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let deps = stores.dependencies(replacingStoresOf: AuthDependencies.inMemory(clock: clock))
            try await check.run(ContractFixture(subject: deps, clock: clock))
        }
    }

    @Test(arguments: AdminRoleStoreContract.checks)
    func adminRoleStore(_ check: ContractCheck<WithUsers<any AdminRoleStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.adminRoles as any AdminRoleStore))
        }
    }

    @Test(arguments: UserStoreContract.checks)
    func userStore(_ check: ContractCheck<any UserStore>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(ContractFixture(subject: stores.users as any UserStore, clock: ManualClock()))
        }
    }

    @Test(arguments: CredentialStoreContract.checks)
    func credentialStore(_ check: ContractCheck<WithUsers<any CredentialStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.credentials as any CredentialStore))
        }
    }

    @Test(arguments: SessionStoreContract.checks)
    func sessionStore(_ check: ContractCheck<WithUsers<any SessionStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.sessions as any SessionStore))
        }
    }

    @Test(arguments: RefreshTokenStoreContract.checks)
    func refreshTokenStore(_ check: ContractCheck<WithSessions<any RefreshTokenStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let subject = WithSessions(
                users: stores.users, sessions: stores.sessions, store: stores.refreshTokens as any RefreshTokenStore)
            try await check.run(ContractFixture(subject: subject, clock: ManualClock()))
        }
    }

    @Test(arguments: OpenIDClientStoreContract.checks)
    func openIDClientStore(_ check: ContractCheck<any OpenIDClientStore>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(ContractFixture(subject: stores.openIDClients as any OpenIDClientStore, clock: ManualClock()))
        }
    }

    @Test(arguments: OpenIDGrantStoreContract.checks)
    func openIDGrantStore(_ check: ContractCheck<WithOpenIDClients<any OpenIDGrantStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let subject = WithOpenIDClients(
                users: stores.users, sessions: stores.sessions, clients: stores.openIDClients,
                store: stores.openIDGrants as any OpenIDGrantStore)
            try await check.run(ContractFixture(subject: subject, clock: ManualClock()))
        }
    }

    @Test(arguments: VerificationStoreContract.checks)
    func verificationStore(_ check: ContractCheck<WithUsers<any VerificationStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.verifications as any VerificationStore))
        }
    }

    @Test(arguments: OAuthAccountStoreContract.checks)
    func oauthAccountStore(_ check: ContractCheck<WithUsers<any OAuthAccountStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.oauthAccounts as any OAuthAccountStore))
        }
    }

    @Test(arguments: SigningKeyStoreContract.checks)
    func signingKeyStore(_ check: ContractCheck<any SigningKeyStore>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(ContractFixture(subject: stores.signingKeys as any SigningKeyStore, clock: ManualClock()))
        }
    }

    @Test(arguments: SecondFactorStoreContract.checks)
    func secondFactorStore(_ check: ContractCheck<WithUsers<any SecondFactorStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.secondFactors as any SecondFactorStore))
        }
    }

    @Test(arguments: PasskeyStoreContract.checks)
    func passkeyStore(_ check: ContractCheck<WithUsers<any PasskeyStore>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.passkeys as any PasskeyStore))
        }
    }

    @Test(arguments: AuditLogContract.checks)
    func auditLog(_ check: ContractCheck<WithUsers<any AuditLog>>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            try await check.run(Self.fixture(stores, stores.auditLog as any AuditLog))
        }
    }
}
