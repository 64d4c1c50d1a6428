import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
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

    @Test(arguments: EphemeralStateStoreContract.checks)
    func ephemeralStateStore(_ check: ContractCheck<any EphemeralStateStore>) async throws {
        try await RedisTestServer.withClient { client in
            try await check.run(Self.fixture(RedisEphemeralStateStore(client: client) as any EphemeralStateStore))
        }
    }
}
