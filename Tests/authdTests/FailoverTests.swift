import Foundation
import Testing

/// A PostgreSQL primary replaced by its standby under load, against the authd binary with a
/// multi-host `DATABASE_URL` (docs/operations.md, "Failover"): authd finds the new primary by
/// itself, answers only 503 (with `Retry-After`) during the switch, and loses nothing it
/// acknowledged when the primary stopped cleanly. A crash (`kill -9`) is measured, with and
/// without a synchronous standby.
@Suite("failover, black box", .serialized, .enabled(if: BackingServers.expected))
struct FailoverTests {
    /// The request deadline of these instances: no request may hang past it.
    static let requestTimeout = 15

    /// authd on `pair`, its schema applied with `authd migrate` through the same multi-host URL,
    /// and a signed-in user's token for `/me`.
    static func start(on pair: PostgresPair) async throws -> (AuthdProcess, RawHTTPClient, String) {
        try await BackingServers.migrate(pair.databaseURL)
        let authd = try AuthdProcess(arguments: ["serve"], environment: [
            "PORT": "0", "HOST": "127.0.0.1", "DATABASE_URL": pair.databaseURL, "JWT_SECRET": BackingServers.secret,
            "MAIL_LOG": "insecure", "RATE_LIMIT": "100000/60s", "HTTP_REQUEST_TIMEOUT": "\(requestTimeout)",
            "DATABASE_POOL_SIZE": "4",
        ])
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let http = RawHTTPClient(port: port)
        let token = try await AccountProtectionBinaryTests.registered(authd, http, "reader-\(UUID().uuidString.prefix(8).lowercased())@example.com")
        return (authd, http, token)
    }

    /// What every failover must show: only 2xx and 503 (each API answer with `Retry-After`), none
    /// slower than the request deadline (plus scheduling slack), the database-backed routes
    /// answered 2xx again within 10 s of the promotion, and sign-ups acknowledged after it.
    static func expectCleanSwitch(_ load: FailoverLoad, promotedAt promoted: ContinuousClock.Instant) {
        let outcomes = load.all
        let statuses = Dictionary(grouping: outcomes, by: \.status).mapValues(\.count)
        #expect(Set(statuses.keys).isSubset(of: [200, 201, 503]), "statuses: \(statuses)")
        #expect(outcomes.filter { $0.status == 503 && $0.route != "readyz" }.allSatisfy { $0.retryAfter != nil })
        let slowest = outcomes.map(\.duration).max() ?? .zero
        #expect(slowest < .seconds(requestTimeout + 3), "slowest request: \(slowest)")
        for (route, status) in [("readyz", 200), ("me", 200)] {
            let back = load.answered(route, status, after: promoted)
            #expect(back != nil, "\(route) never answered \(status) after the promotion")
            if let back { #expect(back - promoted < .seconds(10), "\(route) back after \(back - promoted)") }
        }
        let signUp = load.answered("sign-up", 201, after: promoted)
        #expect(signUp != nil, "no sign-up was acknowledged after the promotion")
        print("failover: statuses \(statuses); slowest \(slowest); back after \(load.answered("readyz", 200, after: promoted).map { $0 - promoted } ?? .zero)")
    }

    /// Runs load on authd over `pair`, applies `fault` to the primary after a few seconds, promotes
    /// the standby `pause` later, and checks the switch (``expectCleanSwitch(_:promotedAt:)``).
    /// - Returns: the load (stopped), and when the fault struck.
    static func switchOver(
        _ pair: PostgresPair, signUps: Int = 2, reads: Int = 2, pause: Duration = .zero,
        fault: (PostgresPair) async throws -> Void
    ) async throws -> (load: FailoverLoad, faultAt: ContinuousClock.Instant) {
        let (authd, http, token) = try await Self.start(on: pair)
        let started = ContinuousClock.now
        let load = FailoverLoad(http: http, token: token, signUps: signUps, reads: reads)
        // Four seconds of load, and on until a sign-up has been acknowledged (a password hash in a
        // debug build on a busy machine can take longer), for at most a minute: a fault before any
        // acknowledgement would prove nothing.
        try await Task.sleep(for: .seconds(4))
        for _ in 0..<560 where signUps > 0 && load.answered("sign-up", 201, after: started) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        let faultAt = ContinuousClock.now
        try await fault(pair)
        try await Task.sleep(for: pause)
        try await pair.promote()
        let promoted = ContinuousClock.now
        // Six seconds, and on until a sign-up started after the promotion is acknowledged (each
        // costs a password hash, slow in a debug build on a busy machine), for at most 60.
        try await Task.sleep(for: .seconds(6))
        for _ in 0..<540 where load.answered("sign-up", 201, after: promoted) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await load.stop()
        Self.expectCleanSwitch(load, promotedAt: promoted)
        #expect(authd.terminate() == 0)
        return (load, faultAt)
    }

    /// The sign-ups answered 201 that the new primary does not have.
    static func lost(_ load: FailoverLoad, on pair: PostgresPair) async throws -> (lost: Set<String>, acknowledged: Int) {
        let acknowledged = Set(load.all.filter { $0.status == 201 }.compactMap(\.email))
        return (acknowledged.subtracting(try await pair.emailsOnStandby()), acknowledged.count)
    }

    @Test func aPrimaryStoppedCleanlyIsReplacedWithoutARestartAndLosesNothing() async throws {
        let pair = try await PostgresPair()
        let (load, stopped) = try await Self.switchOver(pair, pause: .seconds(1)) { try await $0.stopPrimary() }
        // Every sign-up answered 201, before the switch or after, is on the new primary.
        let before = load.all.filter { $0.status == 201 && $0.started < stopped }.count
        #expect(before > 0, "no sign-up was acknowledged before the switch: the test proved nothing")
        let (lost, _) = try await Self.lost(load, on: pair)
        #expect(lost.isEmpty, "lost: \(lost)")
        await pair.stop()
    }

    /// Sign-ups acknowledged and then missing after a crash of the primary and a promotion.
    static func lostInACrash(synchronous: Bool) async throws -> (lost: Int, acknowledged: Int) {
        let pair = try await PostgresPair(synchronous: synchronous)
        let (load, _) = try await Self.switchOver(pair, signUps: 3, reads: 1) { try await $0.killPrimary() }
        let (lost, acknowledged) = try await Self.lost(load, on: pair)
        print("failover: kill -9 of the primary, \(synchronous ? "synchronous" : "asynchronous") standby: \(lost.count) of \(acknowledged) acknowledged sign-ups lost")
        await pair.stop()
        return (lost.count, acknowledged)
    }

    @Test func aCrashLosesNothingAcknowledgedWithASynchronousStandby() async throws {
        let (lost, acknowledged) = try await Self.lostInACrash(synchronous: true)
        #expect(acknowledged > 0)
        #expect(lost == 0)
    }

    @Test func whatACrashLosesWithAnAsynchronousStandbyIsMeasured() async throws {
        // Asynchronous replication may lose the last commits the standby had not received: the
        // figure is printed for docs/operations.md; only the switch itself is held to a rule.
        let (_, acknowledged) = try await Self.lostInACrash(synchronous: false)
        #expect(acknowledged > 0)
    }
}
