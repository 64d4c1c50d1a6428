import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
import Logging
import Testing

/// Redis down: callers learn it promptly as `AuthError(.unavailable)` and never hang; Redis back:
/// the same client works again by itself.
@Suite struct RedisResilienceTests {
    static func configuration(timeout: Duration = .seconds(1), backoff: Duration = .milliseconds(200)) -> RedisClient.Configuration {
        var configuration = RedisClient.Configuration()
        configuration.commandTimeout = timeout
        configuration.reconnectBackoff = backoff
        return configuration
    }

    @Test func nothingListeningFailsAtOnceThenBacksOff() async throws {
        // A backoff long enough that the second ping surely falls inside it, even on a loaded machine.
        let client = try RedisClient(
            url: "redis://127.0.0.1:\(try SilentListener.freePort())", configuration: Self.configuration(backoff: .seconds(3)))
        await expectUnavailable { try await client.ping() }
        // Within the backoff no connect is even tried.
        do {
            try await client.ping()
            Issue.record("expected an error")
        } catch let error as AuthError {
            #expect(error.code == .unavailable)
            #expect(error.underlying as? RedisError == .backingOff)
        }
        try await Task.sleep(for: .milliseconds(3200))
        do {
            try await client.ping()
            Issue.record("expected an error")
        } catch let error as AuthError {
            #expect(error.underlying as? RedisError != .backingOff)  // past the backoff: tried again
        }
        await client.close()
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let silent = try SilentListener()
        let client = try RedisClient(
            url: "redis://127.0.0.1:\(silent.port)", configuration: Self.configuration(timeout: .milliseconds(300)))
        // The command timeout turns a silent server into `.unavailable` instead of a hang (a hang
        // would stop this test; no wall-clock bound is asserted, per the house rules).
        await expectUnavailable { try await client.ping() }
        await client.close()
    }

    @Test(.enabled(if: RedisTestServer.isExpected, "needs redis-server (make test installs it)"))
    func aCommandSentAfterAnAnsweredOneStillTimesOut() async throws {
        // The connection keeps one timer, armed for the oldest waiting command. The PING arms it
        // for its own deadline and is answered; the BLPOP, sent later on the same connection and
        // blocked by the server for 5 s, is then caught only if that timer re-arms for it.
        try await RedisTestServer.withClient(configuration: Self.configuration(timeout: .milliseconds(300))) { client in
            try await client.ping()
            try await Task.sleep(for: .milliseconds(100))
            do {
                _ = try await client.send("BLPOP", "test:never-pushed:\(UUID())", "5")
                Issue.record("expected a timeout")
            } catch let error as AuthError {
                #expect(error.code == .unavailable)
                #expect(error.underlying as? RedisError == .timeout)
            }
            try await Task.sleep(for: .milliseconds(250))  // past the reconnect backoff
            try await client.ping()  // a fresh connection
        }
    }

    @Test(.enabled(if: RedisTestServer.isExpected, "needs redis-server (make test installs it)"))
    func stoppedMidTestThenRestarted() async throws {
        let server = try PrivateRedisServer(password: "s3cr:et")
        try await server.start()
        let client = try RedisClient(url: server.url(database: 2, password: "s3cr%3Aet"), configuration: Self.configuration())
        let cache = RedisSessionCache(client: client)
        let limiter = RedisRateLimiter(client: client)
        let states = RedisEphemeralStateStore(client: client)
        let fallback = FallbackRateLimiter(primary: limiter, logger: Logger(label: "test"))
        let user = Sample.user(at: Date())
        let entry = CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)

        try await cache.store(entry, ttl: .seconds(60))
        #expect(try await cache.cached(entry.session.id) == entry)
        #expect(try await client.send("CLIENT", "INFO").string?.contains("db=2") == true)

        server.stop()
        await expectUnavailable { _ = try await cache.cached(entry.session.id) }
        await expectUnavailable { _ = try await limiter.hit("ip", policy: .default) }
        await expectUnavailable { _ = try await states.take("state") }
        try await Task.sleep(for: .milliseconds(250))
        await expectUnavailable { try await cache.invalidate(entry.session.id) }
        // Limiting stays on, per instance, through the outage.
        for _ in 0..<10 { #expect(try await fallback.hit("outage", policy: .default).allowed) }
        #expect(try await fallback.hit("outage", policy: .default).allowed == false)

        try await server.start()  // an empty server on the same port (nothing is persisted)
        try await Task.sleep(for: .milliseconds(250))  // past the reconnect backoff
        #expect(try await cache.cached(entry.session.id) == nil)
        try await cache.store(entry, ttl: .seconds(60))
        #expect(try await cache.cached(entry.session.id) == entry)
        #expect(try await limiter.hit("ip", policy: .default).remaining == 9)
        #expect(try await fallback.hit("back", policy: .default).remaining == 9)
        #expect(try await states.put("state", value: [7], ttl: .seconds(10)))
        #expect(try await client.send("CLIENT", "INFO").string?.contains("db=2") == true)
        await client.close()
        server.stop()
    }

    @Test(.enabled(if: RedisTestServer.isExpected, "needs redis-server (make test installs it)"))
    func aWrongPasswordIsUnavailableAndNeverLogged() async throws {
        let server = try PrivateRedisServer(password: "right")
        try await server.start()
        let client = try RedisClient(url: server.url(password: "wrong-secret"))
        do {
            try await client.ping()
            Issue.record("expected an error")
        } catch let error as AuthError {
            #expect(error.code == .unavailable)
            let cause = String(describing: error.underlying.map { "\($0)" } ?? "")
            #expect(cause.contains("WRONGPASS") || cause.contains("invalid password"))
            #expect(!cause.contains("wrong-secret") && !"\(error)".contains("wrong-secret"))
        }
        await client.close()
        server.stop()
    }
}
