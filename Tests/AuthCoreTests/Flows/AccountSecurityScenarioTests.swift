import AuthCore
import AuthTesting
import Testing

/// The account attacks of AuthTesting's scenarios, on the in-memory adapters (PostgreSQL runs
/// the same list in AuthStorePostgresTests).
@Suite struct AccountSecurityScenarioTests {
    @Test(arguments: AccountSecurityScenarios.checks)
    func inMemory(_ check: ContractCheck<AuthDependencies>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: AuthDependencies.inMemory(clock: clock), clock: clock))
    }

    @Test(arguments: AccountSettingsScenarios.checks)
    func accountSettingsInMemory(_ check: ContractCheck<AuthDependencies>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: AuthDependencies.inMemory(clock: clock), clock: clock))
    }
}
