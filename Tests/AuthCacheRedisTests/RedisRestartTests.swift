import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
import Synchronization
import Testing

/// Redis killed (`kill -9`) and started again empty while sessions are being checked
/// (docs/operations.md, "Failover"): no revoked session is accepted at any point, a live one is
/// never refused, and the cache fills again from the store.
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDIS_URL (make test starts Redis)"))
struct RedisRestartTests {
    @Test func revokedSessionsStayRefusedAcrossARedisCrashAndTheCacheRefills() async throws {
        let server = try PrivateRedisServer()
        try await server.start()
        defer { server.stop() }
        let observer = try RedisClient(url: server.url())
        let mailbox = InMemoryMailbox()
        var deps = AuthDependencies.inMemory(mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests))
        deps.cache = RedisSessionCache(client: try RedisClient(url: server.url()))
        let auth = try await AuthService(
            dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 8, count: 32))

        // 100 sessions, each served once (its entry is in Redis), then ended; one more stays live.
        var revoked: [String] = []
        var live = ""
        for n in 0...100 {
            let email = "restart-\(n)-\(UUID().uuidString.prefix(6).lowercased())@example.com"
            let client = ClientContext(ip: IPAddress("198.51.100.\(n % 250 + 1)"), clientName: "test")
            let challenge = try await auth.signUp(email: email, password: "correct horse battery", client: client)
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            let session = try await auth.verifyEmail(id: challenge.verificationID, code: code, client: client)
            let signedIn = try await auth.authenticate(token: session.token)
            if n == 100 {
                live = session.token
            } else {
                try await auth.logout.current(signedIn, client: client)
                revoked.append(session.token)
            }
        }
        let tokens = revoked
        let liveToken = live

        // Load: every revoked token and the live one, over and over, while Redis dies and returns.
        let tally = Tally()
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var round = 0
                        while tally.running.withLock({ $0 }) {
                            let token = round % 10 == 0 ? liveToken : tokens[(round * 4 + worker) % tokens.count]
                            round += 1
                            do {
                                _ = try await auth.authenticate(token: token)
                                if token != liveToken { tally.accepted.withLock { $0 += 1 } }
                            } catch let error as AuthError where error.code == .unauthorized && token != liveToken {
                                // The answer a revoked token must get.
                            } catch {
                                if token == liveToken {
                                    tally.refusedLive.withLock { $0.append("\(error)") }
                                } else {
                                    tally.otherErrors.withLock { $0.append("\(error)") }
                                }
                            }
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        server.stop()  // SIGKILL: everything Redis held is gone
        try await Task.sleep(for: .seconds(1))
        try await server.start()  // empty: no save file, no AOF
        try await Task.sleep(for: .seconds(2))
        tally.running.withLock { $0 = false }
        await load.value

        let accepted = tally.accepted.withLock { $0 }
        let refusedLive = tally.refusedLive.withLock { $0 }
        let otherErrors = tally.otherErrors.withLock { $0 }
        #expect(accepted == 0, "revoked sessions were accepted")
        #expect(refusedLive.isEmpty, "the live session was refused: \(refusedLive.prefix(3))")
        #expect(otherErrors.isEmpty, "\(otherErrors.prefix(3))")
        for token in tokens {
            let error = await #expect(throws: AuthError.self) { _ = try await auth.authenticate(token: token) }
            #expect(error?.code == .unauthorized)
        }
        // The cache fills again: the live session is back in the restarted Redis once served.
        let session = try await auth.authenticate(token: liveToken).session
        #expect(try await RedisSessionCache(client: observer).cached(session.id) != nil)
    }
}

/// What the load saw, shared by its tasks.
private final class Tally: Sendable {
    let running = Mutex(true)
    let accepted = Mutex(0)
    let refusedLive = Mutex<[String]>([])
    let otherErrors = Mutex<[String]>([])
}
