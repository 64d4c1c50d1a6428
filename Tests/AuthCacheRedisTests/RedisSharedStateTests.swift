import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
import Testing

/// What several authd instances sharing one Redis rely on: each instance has its own client, and
/// they still see one limit, one cache and one set of tombstones.
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDIS_URL (make test starts Redis)"))
struct RedisSharedStateTests {
    @Test func twoInstancesShareOneLimit() async throws {
        try await RedisTestServer.withClient { a in
            try await RedisTestServer.withClient { b in
                let key = "ip:203.0.113.\(Int.random(in: 1...250)):\(UUID().uuidString)"
                let limiters = [RedisRateLimiter(client: a), RedisRateLimiter(client: b)]
                for i in 0..<10 {
                    #expect(try await limiters[i % 2].hit(key, policy: .default).allowed)
                }
                let eleventh = try await limiters[1].hit(key, policy: .default)
                #expect(!eleventh.allowed && eleventh.remaining == 0)
                #expect((55...60).contains(eleventh.resetAfterSeconds))
                #expect(try await limiters[0].hit(key, policy: .default).allowed == false)
            }
        }
    }

    @Test func refusedHitsDoNotExtendTheWindow() async throws {
        try await RedisTestServer.withClient { client in
            let limiter = RedisRateLimiter(client: client)
            let key = "hammer:\(UUID().uuidString)"
            let policy = RateLimitPolicy(limit: 1, window: .seconds(3))
            #expect(try await limiter.hit(key, policy: policy).resetAfterSeconds == 3)
            try await Task.sleep(for: .milliseconds(1500))
            let refused = try await limiter.hit(key, policy: policy)
            // Retry-After counts down from the first hit (a refused hit does not reopen the window).
            #expect(!refused.allowed && (1...2).contains(refused.resetAfterSeconds))
        }
    }

    @Test func aLogoutThroughOneInstanceIsSeenByTheOther() async throws {
        try await RedisTestServer.withClient { a in
            try await RedisTestServer.withClient { b in
                let cacheA = RedisSessionCache(client: a), cacheB = RedisSessionCache(client: b)
                let user = Sample.user(at: Date())
                let entry = CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)
                try await cacheB.store(entry, ttl: .seconds(60))
                #expect(try await cacheA.cached(entry.session.id) == entry)
                try await cacheA.invalidate(entry.session.id)
                #expect(try await cacheB.cached(entry.session.id) == nil)
                // B read the session before the logout and writes it back late: refused.
                try await cacheB.store(entry, ttl: .seconds(60))
                #expect(try await cacheA.cached(entry.session.id) == nil)
            }
        }
    }

    @Test func endingTenThousandSessionsIsAHandfulOfScriptsInOneRoundTrip() async throws {
        // A server of its own, so its command counts are this test's alone.
        let server = try PrivateRedisServer()
        try await server.start()
        defer { server.stop() }
        let client = try RedisClient(url: server.url())
        let cache = RedisSessionCache(client: client)
        let user = Sample.user(at: Date())
        var entries: [CachedSession] = []
        for _ in 0..<10_000 { entries.append(CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)) }
        for start in stride(from: 0, to: entries.count, by: 500) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for entry in entries[start..<start + 500] { group.addTask { try await cache.store(entry, ttl: .seconds(60)) } }
                try await group.waitForAll()
            }
        }
        func scriptCalls() async throws -> Int {
            let info = try await client.send("INFO", "commandstats").string ?? ""
            // Lines like `cmdstat_evalsha:calls=20,usec=…,rejected_calls=0,failed_calls=0`.
            return info.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("cmdstat_evalsha:") || $0.hasPrefix("cmdstat_eval:") }
                .compactMap { line in
                    line.split(separator: ":").last?.split(separator: ",").first { $0.hasPrefix("calls=") }
                        .flatMap { Int($0.dropFirst("calls=".count)) }
                }
                .reduce(0, +)
        }
        let before = try await scriptCalls()
        #expect(before >= 10_000)  // the stores above were counted: the parsing works
        try await cache.invalidate(sessions: entries.map(\.session.id))
        // 20 batches of 500; each may be sent twice (EVALSHA, then EVAL when the script is not loaded yet).
        #expect(try await scriptCalls() - before <= 40)
        for entry in entries.prefix(50) + entries.suffix(50) { #expect(try await cache.cached(entry.session.id) == nil) }
        try await cache.store(entries[4_321], ttl: .seconds(60))
        #expect(try await cache.cached(entries[4_321].session.id) == nil)
        await client.close()
    }

    @Test func invalidateAllAlsoRefusesStaleWritesOfSessionsThatWereNotCached() async throws {
        try await RedisTestServer.withClient { client in
            let cache = RedisSessionCache(client: client)
            let user = Sample.user(at: Date())
            let cached = CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)
            let uncached = CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)
            try await cache.store(cached, ttl: .seconds(60))
            try await cache.invalidateAll(of: user.id)
            try await cache.store(uncached, ttl: .seconds(60))
            try await cache.store(cached, ttl: .seconds(60))
            #expect(try await cache.cached(uncached.session.id) == nil)
            #expect(try await cache.cached(cached.session.id) == nil)
        }
    }

    @Test func anEntryNeverOutlivesTheMaximumTTL() async throws {
        try await RedisTestServer.withClient { client in
            let cache = RedisSessionCache(client: client, maximumTTL: .seconds(1))
            let user = Sample.user(at: Date())
            let entry = CachedSession(session: Sample.session(of: user.id, at: Date()), user: user)
            try await cache.store(entry, ttl: .seconds(3600))
            #expect(try await cache.cached(entry.session.id) == entry)
            try await Task.sleep(for: .milliseconds(1300))
            #expect(try await cache.cached(entry.session.id) == nil)
        }
    }

    @Test func anEntryInAnOlderFormatIsAMiss() async throws {
        try await RedisTestServer.withClient { client in
            let id = SessionID()
            _ = try await client.send("SET", "auth:sc:s:\(id)", "{\"not\":\"an entry\"}", "EX", "60")
            #expect(try await RedisSessionCache(client: client).cached(id) == nil)
        }
    }
}
