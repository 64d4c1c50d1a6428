import AuthCore
import AuthTesting
import Foundation
import Testing

/// A revocation whose cache invalidation cannot land is never lost: the caller is told (503), the
/// instance stops trusting the entry at once, and the invalidation lands as soon as the cache takes
/// writes again, even after the instance that made it is gone.
@Suite struct RevocationOutageTests {
    /// Instances sharing stores and one session cache that can stop taking writes.
    struct Bed {
        let clock = ManualClock()
        let mailbox = InMemoryMailbox()
        let cache: OutageSessionCache
        let deps: AuthDependencies
        let configuration: AuthConfiguration

        init() {
            var deps = AuthDependencies.inMemory(
                mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
            cache = OutageSessionCache(InMemorySessionCache(clock: clock))
            deps.cache = cache
            self.deps = deps
            var configuration = AuthConfiguration()
            configuration.cacheInvalidationPatience = .zero  // no waiting in unit tests
            self.configuration = configuration
        }

        func instance() async throws -> AuthService {
            try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
                configuration: configuration)
        }

        func signedIn(on auth: AuthService, _ email: String = "ada@example.com") async throws -> SignedIn {
            let client = ClientContext(ip: IPAddress("203.0.113.9"), clientName: "web")
            let challenge = try await auth.signUp(email: email, password: "correct horse battery", client: client)
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            return try await auth.verifyEmail(id: challenge.verificationID, code: code, client: client)
        }
    }

    static let client = ClientContext(ip: IPAddress("203.0.113.9"), clientName: "web")

    @Test func aLogoutTheCacheCannotConfirmAnswersUnavailableAndLandsWhenTheCacheIsBack() async throws {
        let bed = Bed()
        let (a, b) = (try await bed.instance(), try await bed.instance())
        let session = try await bed.signedIn(on: a)
        let auth = try await b.authenticate(token: session.token)  // cached for every instance

        bed.cache.writesFail = true
        let error = await #expect(throws: AuthError.self) { try await a.logout.current(auth, client: Self.client) }
        #expect(error?.code == .unavailable)
        // The logout is recorded, and the instance that made it no longer trusts the entry.
        #expect(try await bed.deps.sessions.session(id: session.session.id)?.revokedAt != nil)
        await #expect(throws: AuthError.self) { try await a.authenticate(token: session.token) }
        #expect(await a.cacheRepair.repairOnce() == false)  // still failing: kept

        bed.cache.writesFail = false
        #expect(await a.cacheRepair.repairOnce())
        await #expect(throws: AuthError.self) { try await b.authenticate(token: session.token) }
    }

    @Test func theInstanceKeepsRefusingTheSessionWhileARetryIsUnderWay() async throws {
        let bed = Bed()
        let a = try await bed.instance()
        let session = try await bed.signedIn(on: a)
        let auth = try await a.authenticate(token: session.token)  // its entry is in the cache
        bed.cache.writesFail = true
        await #expect(throws: AuthError.self) { try await a.logout.current(auth, client: Self.client) }
        // The cache comes back slowly: it answers reads (with the stale entry) but the retry's
        // write waits, as under CLIENT PAUSE WRITE.
        bed.cache.writesFail = false
        bed.cache.holdWrites()
        let repair = Task { await a.cacheRepair.repairOnce() }
        while !bed.cache.isHoldingAWrite { await Task.yield() }
        let refused = await #expect(throws: AuthError.self) { try await a.authenticate(token: session.token) }
        #expect(refused?.code == .unauthorized)
        bed.cache.releaseWrites()
        #expect(await repair.value)
        await #expect(throws: AuthError.self) { try await a.authenticate(token: session.token) }
    }

    @Test func aWaitingInvalidationSurvivesTheInstanceThatMadeIt() async throws {
        let bed = Bed()
        let b = try await bed.instance()
        let session = try await bed.signedIn(on: b)
        let auth = try await b.authenticate(token: session.token)
        do {
            let a = try await bed.instance()
            bed.cache.writesFail = true
            let error = await #expect(throws: AuthError.self) { try await a.administration.setBanned(auth.user.id, true) }
            #expect(error?.code == .unavailable)
        }  // that instance stopped with the invalidation still waiting

        bed.cache.writesFail = false
        let restarted = try await bed.instance()
        await restarted.cacheRepair.replayRecentRevocations()
        #expect(await restarted.cacheRepair.repairOnce())
        await #expect(throws: AuthError.self) { try await b.authenticate(token: session.token) }
    }

    @Test func aLogoutTheCacheConfirmsAnswersAtOnceAndLeavesNothingWaiting() async throws {
        let bed = Bed()
        let (a, b) = (try await bed.instance(), try await bed.instance())
        let session = try await bed.signedIn(on: a)
        let auth = try await b.authenticate(token: session.token)
        try await a.logout.current(auth, client: Self.client)
        await #expect(throws: AuthError.self) { try await b.authenticate(token: session.token) }
        #expect(await a.cacheRepair.repairOnce())
    }
}
