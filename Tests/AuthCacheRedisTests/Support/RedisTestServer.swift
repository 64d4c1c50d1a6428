import AuthCacheRedis
import AuthCore
import Foundation
import Testing

/// The Redis servers `make test` starts (scripts/test-servers/redis.sh), read from the environment.
///
/// Integration suites are enabled when `AUTH_TEST_REDIS_URL` is set, or when
/// `AUTH_TEST_REQUIRE_SERVERS=1` says servers are expected: then a missing URL fails every test
/// instead of skipping it. With neither, the suites are skipped (a plain `swift test`).
enum RedisTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["AUTH_TEST_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let tlsURL = environment["AUTH_TEST_REDISS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let tlsCA = environment["AUTH_TEST_REDIS_CA"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    /// Whether integration suites run (and so fail when the server is missing).
    static let isExpected = url != nil || required

    struct Missing: Error, CustomStringConvertible {
        var variable: String
        var description: String { "\(variable) is not set but AUTH_TEST_REQUIRE_SERVERS=1 expects the test servers" }
    }

    /// The plain server's URL; throws when it is expected but missing.
    static func requireURL() throws -> String {
        guard let url else { throw Missing(variable: "AUTH_TEST_REDIS_URL") }
        return url
    }

    /// A client of the plain server, closed after `body`.
    static func withClient<T>(
        configuration: RedisClient.Configuration = RedisClient.Configuration(),
        _ body: (RedisClient) async throws -> T
    ) async throws -> T {
        let client = try RedisClient(url: try requireURL(), configuration: configuration)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }
}

/// Asserts that `body` throws `AuthError(.unavailable)` and returns how long it took.
@discardableResult
func expectUnavailable(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        try await body()
        Issue.record("expected AuthError(.unavailable), got success", sourceLocation: sourceLocation)
    } catch let error as AuthError {
        #expect(error.code == .unavailable, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected AuthError(.unavailable), got \(error)", sourceLocation: sourceLocation)
    }
    return clock.now - start
}
