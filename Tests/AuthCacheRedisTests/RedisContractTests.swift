import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
import Synchronization
import Testing

/// The Redis adapters pass the same contract suites as the in-memory ones, against a real server.
/// Redis keeps the time, so `advance` really sleeps.
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDIS_URL (make test starts Redis)"))
struct RedisContractTests {
    static func fixture<S>(_ subject: S) -> ContractFixture<S> {
        ContractFixture(subject: subject, now: { Date() }, advance: { try await Task.sleep(for: $0) })
    }

    @Test(arguments: SessionCacheContract.checks)
    func sessionCache(_ check: ContractCheck<any SessionCache>) async throws {
        try await RedisTestServer.withClient { client in
            try await check.run(Self.fixture(RedisSessionCache(client: client) as any SessionCache))
        }
    }

    @Test(arguments: RateLimiterContract.checks)
    func rateLimiter(_ check: ContractCheck<any RateLimiter>) async throws {
        try await RedisTestServer.withClient { client in
            try await check.run(Self.fixture(RedisRateLimiter(client: client) as any RateLimiter))
        }
    }

    /// AuthCore's abuse limits with two AuthService instances, each with its own Redis client, as
    /// two authd instances sharing one Redis.
    @Test(arguments: AbuseLimitScenarios.checks)
    func abuseLimitsAcrossTwoInstances(_ check: ContractCheck<@Sendable () async throws -> any RateLimiter>) async throws {
        let url = try RedisTestServer.requireURL()
        let prefix = "auth:rl:\(UUID().uuidString):"
        let first = try RedisClient(url: url)
        let second = try RedisClient(url: url)
        let clients = [first, second]
        let next = Mutex(0)
        let makeLimiter: @Sendable () async throws -> any RateLimiter = {
            let index = next.withLock { n in defer { n += 1 }; return n % clients.count }
            return RedisRateLimiter(client: clients[index], keyPrefix: prefix)
        }
        do {
            try await check.run(ContractFixture(subject: makeLimiter, clock: ManualClock()))
        } catch {
            await first.close(); await second.close()
            throw error
        }
        await first.close(); await second.close()
    }

    @Test(arguments: EphemeralStateStoreContract.checks)
    func ephemeralStateStore(_ check: ContractCheck<any EphemeralStateStore>) async throws {
        try await RedisTestServer.withClient { client in
            try await check.run(Self.fixture(RedisEphemeralStateStore(client: client) as any EphemeralStateStore))
        }
    }
}
