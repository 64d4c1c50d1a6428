import AuthCacheRedis
import AuthCore
import Foundation
import Logging
import ServiceLifecycle
import Testing

/// The client against the real server: pipelining, binary safety, ACL users, scripts.
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDIS_URL (make test starts Redis)"))
struct RedisClientTests {
    @Test func pingAnswers() async throws {
        try await RedisTestServer.withClient { try await $0.ping() }
    }

    @Test func gracefulShutdownOfTheClientsServiceClosesIt() async throws {
        let client = try RedisClient(url: try RedisTestServer.requireURL())
        try await client.ping()  // connected
        let group = ServiceGroup(configuration: .init(services: [.init(service: client)], logger: Logger(label: "test")))
        await group.triggerGracefulShutdown()  // remembered until the group runs
        try await group.run()
        let error = await #expect(throws: AuthError.self) { try await client.ping() }
        #expect(error?.code == .unavailable)
    }

    @Test func concurrentCommandsArePipelinedAndMatchedInOrder() async throws {
        try await RedisTestServer.withClient { client in
            let echoed = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for i in 0..<300 { group.addTask { (i, try await client.send("ECHO", "value-\(i)").string) } }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(echoed.count == 300)
            #expect(echoed.allSatisfy { $0.value == "value-\($0.key)" })
        }
    }

    @Test func valuesAreBinarySafeAndLargeRepliesArrive() async throws {
        try await RedisTestServer.withClient { client in
            let key = Array("test:binary:\(UUID().uuidString)".utf8)
            let small = (0...255).map(UInt8.init)
            _ = try await client.send([Array("SET".utf8), key, small, Array("EX".utf8), Array("60".utf8)])
            #expect(try await client.send([Array("GET".utf8), key]) == .bulkString(small))
            let large = [UInt8](repeating: 0x61, count: 2_000_000)
            _ = try await client.send([Array("SET".utf8), key, large, Array("EX".utf8), Array("60".utf8)])
            #expect(try await client.send([Array("GET".utf8), key]).bytes == large)
        }
    }

    @Test func serverErrorsAreThrownAsUnavailableWithTheCause() async throws {
        try await RedisTestServer.withClient { client in
            do {
                _ = try await client.send("NOSUCHCOMMAND")
                Issue.record("expected an error")
            } catch let error as AuthError {
                #expect(error.code == .unavailable)
                guard case .server(let message) = error.underlying as? RedisError else {
                    Issue.record("expected a server error, got \(String(describing: error.underlying))")
                    return
                }
                #expect(message.hasPrefix("ERR"))
            }
            try await client.ping()  // the connection survives an error reply
        }
    }

    @Test func aclUserAndDatabaseFromTheURL() async throws {
        let url = try RedisTestServer.requireURL()
        let user = "auth-test-\(UUID().uuidString.prefix(8))"
        try await RedisTestServer.withClient { admin in
            _ = try await admin.send("ACL", "SETUSER", user, "on", ">pa:ss@word", "~*", "+@all")
            let authority = url.replacingOccurrences(of: "redis://", with: "")
            let client = try RedisClient(url: "redis://\(user):pa%3Ass%40word@\(authority)/5")
            let info = try await client.send("CLIENT", "INFO").string ?? ""
            #expect(info.contains("user=\(user)"))
            #expect(info.contains("db=5"))
            await client.close()

            let wrong = try RedisClient(url: "redis://\(user):wrong@\(authority)")
            await expectUnavailable { try await wrong.ping() }
            await wrong.close()
            _ = try await admin.send("ACL", "DELUSER", user)
        }
    }

    @Test func scriptsAreReloadedAfterAFlush() async throws {
        try await RedisTestServer.withClient { client in
            let limiter = RedisRateLimiter(client: client)
            let key = "flush:\(UUID().uuidString)"
            #expect(try await limiter.hit(key, policy: .default).remaining == 9)
            _ = try await client.send("SCRIPT", "FLUSH")  // EVALSHA now answers NOSCRIPT
            #expect(try await limiter.hit(key, policy: .default).remaining == 8)
        }
    }

    @Test func aClosedClientRefusesCommands() async throws {
        let client = try RedisClient(url: try RedisTestServer.requireURL())
        try await client.ping()
        await client.close()
        await expectUnavailable { try await client.ping() }
    }
}
