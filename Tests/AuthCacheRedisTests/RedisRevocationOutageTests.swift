import AuthCacheRedis
import AuthCore
import AuthTesting
import Foundation
import Testing

/// A revocation is never lost when Redis stops taking writes: two AuthService instances share
/// stores and a Redis of the test's own (CLIENT PAUSE would stall suites using the shared one).
@Suite(.enabled(if: RedisTestServer.isExpected, "needs AUTH_TEST_REDIS_URL (make test starts Redis)"))
struct RedisRevocationOutageTests {
    @Test func logoutsWhileRedisPausesWritesAreNeverLost() async throws {
        let server = try PrivateRedisServer()
        try await server.start()
        defer { server.stop() }
        let (clientA, clientB, observer) = (
            try RedisClient(url: server.url()), try RedisClient(url: server.url()), try RedisClient(url: server.url()))
        let mailbox = InMemoryMailbox()
        var deps = AuthDependencies.inMemory(mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests))
        deps.cache = RedisSessionCache(client: clientA)
        let a = try await AuthService(dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 8, count: 32))
        deps.cache = RedisSessionCache(client: clientB)
        let b = try await AuthService(dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 8, count: 32))
        let repair = Task { await a.cacheRepair.run() }
        defer { repair.cancel() }

        let client = ClientContext(ip: IPAddress("192.0.2.44"), clientName: "test")
        var signedIn: [Authenticated] = []
        var tokens: [String] = []
        for n in 0..<3 {
            let email = "paused-\(n)-\(UUID().uuidString.prefix(6).lowercased())@example.com"
            let challenge = try await a.signUp(email: email, password: "correct horse battery", client: client)
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            let session = try await a.verifyEmail(id: challenge.verificationID, code: code, client: client)
            signedIn.append(try await a.authenticate(token: session.token))
            tokens.append(session.token)
            // The other instance has served the session: its entry is in Redis.
            _ = try await b.authenticate(token: session.token)
            #expect(try await RedisSessionCache(client: observer).cached(session.session.id) != nil)
        }

        let sessions = signedIn
        _ = try await observer.send("CLIENT", "PAUSE", "3000", "WRITE")
        let pauseEnds = ContinuousClock.now + .seconds(3)
        let answers = await withTaskGroup(of: (Int, Bool).self) { group in
            for (n, auth) in sessions.enumerated() {
                group.addTask {
                    do {
                        try await a.logout.current(auth, client: client)
                        return (n, true)
                    } catch {
                        return (n, false)  // told the logout is not confirmed (503)
                    }
                }
            }
            return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
        }
        try await Task.sleep(until: pauseEnds + .seconds(5))

        let fresh = RedisSessionCache(client: observer)
        for (n, auth) in signedIn.enumerated() {
            let answered = answers[n] == true ? "answered 200" : "answered 503"
            await #expect(throws: AuthError.self, "logout \(n) \(answered), yet the other instance still accepts its session") {
                try await b.authenticate(token: tokens[n])
            }
            #expect(try await fresh.cached(auth.session.id) == nil, "logout \(n) \(answered), yet Redis still serves its entry")
        }
        await clientA.close()
        await clientB.close()
        await observer.close()
    }
}
