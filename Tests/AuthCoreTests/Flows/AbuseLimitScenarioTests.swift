import AuthCore
import AuthTesting
import Testing

/// AuthCore's abuse limits through the flows alone, on the in-memory limiter (one limiter for
/// both instances: one process). The Redis suite runs the same list with two clients.
@Suite struct AbuseLimitScenarioTests {
    @Test(arguments: AbuseLimitScenarios.checks)
    func inMemory(_ check: ContractCheck<@Sendable () async throws -> any RateLimiter>) async throws {
        let clock = ManualClock()
        let shared = InMemoryRateLimiter(clock: clock)
        try await check.run(ContractFixture(subject: { shared }, clock: clock))
    }
}
