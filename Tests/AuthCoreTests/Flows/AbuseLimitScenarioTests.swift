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

/// The windows end: a limit is a pause, not a lock-out (in memory, where the clock can be moved).
@Suite struct AbuseLimitWindowTests {
    static let here = ClientContext(ip: IPAddress("198.51.100.40"), clientName: "test")

    @Test func theMailBudgetReopensAfterItsWindow() async throws {
        let h = try await TestHarness()
        for _ in 0..<5 { _ = try await h.auth.passwordReset.request(email: "ada@example.com", client: Self.here) }
        let refused = await #expect(throws: AuthError.self) {
            _ = try await h.auth.passwordReset.request(email: "ada@example.com", client: Self.here)
        }
        #expect(refused?.code == .rateLimited)
        #expect(refused?.retryAfter == .seconds(600))
        h.clock.advance(by: .seconds(600))
        _ = try await h.auth.passwordReset.request(email: "ada@example.com", client: Self.here)
    }

    @Test func thePasswordCapReopensAndARightPasswordIsNotCounted() async throws {
        let h = try await TestHarness()
        _ = try await h.registered()  // from the harness's own network
        // Right passwords are given back: any number of them never reach the cap.
        for _ in 0..<8 { _ = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: Self.here) }
        for n in 0..<5 {
            await #expect(throws: AuthError.self) {
                _ = try await h.auth.signIn(email: "ada@example.com", password: "guess \(n)", client: Self.here)
            }
        }
        let capped = await #expect(throws: AuthError.self) {
            _ = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: Self.here)
        }
        #expect(capped?.code == .rateLimited)
        h.clock.advance(by: .seconds(900))
        guard case .signedIn = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: Self.here)
        else { Issue.record("the cap should have reopened"); return }
    }
}
