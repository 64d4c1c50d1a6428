import AuthCore
import AuthStorePostgres
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// authd's outbox worker against the real PostgreSQL and a test SMTP server of the test's own:
/// bursts, an outage and a hung SMTP transaction at shutdown (docs/operations.md, "Mail faults").
@Suite("authd mail delivery", .enabled(if: BackingServers.expected), .serialized, .timeLimit(.minutes(2)))
struct MailDeliveryBinaryTests {
    let servers: BackingServers
    let outbox: PostgresMailOutbox

    /// One pool for the suite's whole run (closed with the process).
    static let pool = ProcessInfo.processInfo.environment["AUTH_TEST_DATABASE_URL"].map {
        PostgresConnectionPool(configuration: .init(url: $0, maxConnections: 2))
    }

    init() async throws {
        servers = try await BackingServers()
        let pool = try #require(Self.pool)
        // Sealed as authd seals: with the JWT secret it is started with.
        outbox = PostgresMailOutbox(pool: pool, sealer: try MailSealer(secret: Array(BackingServers.secret.utf8)))
    }

    func start(_ smtp: PrivateSMTPServer, _ extra: [String: String] = [:]) async throws -> AuthdProcess {
        var env = [
            "PORT": "0", "HOST": "127.0.0.1", "DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret,
            "SMTP_URL": smtp.url, "MAIL_FROM": "auth@example.com",
        ]
        env.merge(extra) { _, new in new }
        let authd = try AuthdProcess(arguments: ["serve"], environment: env)
        _ = try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)
        return authd
    }

    static func addresses(_ count: Int, tag: String) -> Set<String> {
        Set((0..<count).map { _ in "\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.com" })
    }

    /// Queues one verification code to each of `addresses`, all at once, as sign-ups would.
    @discardableResult
    func queueCodes(to addresses: Set<String>) async throws -> Set<String> {
        for address in addresses {
            try await outbox.enqueue(MailMessage(
                to: EmailAddress(normalized: address), kind: .verifyEmail(code: "123456", expiresAt: Date() + 600)))
        }
        return addresses
    }

    /// Waits until every address received its mail and returns how long that took, or fails after
    /// 30 s (a safety net: the assertions below are the 10 s each fault must be cleared in).
    func timeUntilDelivered(_ addresses: Set<String>, on smtp: PrivateSMTPServer) async throws -> Duration {
        let start = ContinuousClock.now
        while smtp.received(to: addresses).count < addresses.count {
            guard ContinuousClock.now - start < .seconds(30) else {
                Issue.record("only \(smtp.received(to: addresses).count) of \(addresses.count) mails arrived within 30 s")
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return ContinuousClock.now - start
    }

    @Test func thirtyCodesQueuedAtOnceArriveWithinTenSecondsAlsoAfterAnOutage() async throws {
        let smtp = try await PrivateSMTPServer.start()
        let authd = try await start(smtp)
        defer { _ = authd.terminate() }

        let burst = try await queueCodes(to: Self.addresses(30, tag: "burst"))
        let burstTime = try await timeUntilDelivered(burst, on: smtp)
        #expect(burstTime < .seconds(10), "30 codes queued at once took \(burstTime)")
        #expect(smtp.received(to: burst).values.allSatisfy { $0 == 1 })

        // An outage of a few seconds: every attempt fails, then the server is back.
        try await smtp.stop()
        let queued = try await queueCodes(to: Self.addresses(20, tag: "outage"))
        try await Task.sleep(for: .seconds(3))
        try await smtp.restart()
        let recovery = try await timeUntilDelivered(queued, on: smtp)
        #expect(recovery < .seconds(10), "20 codes queued during the outage took \(recovery) after it ended")
        #expect(smtp.received(to: queued).values.allSatisfy { $0 == 1 })
        print("mail figures: 30 queued at once delivered in \(burstTime); 20 queued in a 3 s outage delivered \(recovery) after it")
        try await smtp.stop()
    }

    @Test func sigtermWithAHungSMTPTransactionExitsWithinTheGraceAndTheMailGoesOutOnceAfterRestart() async throws {
        let smtp = try await PrivateSMTPServer.start()
        let settings = ["SHUTDOWN_GRACE": "2"]
        let first = try await start(smtp, settings)
        let hung = Self.addresses(1, tag: "hung")
        try smtp.hangOnNextMessage(to: hung.first!)
        try await queueCodes(to: hung)
        let pickedUp = ContinuousClock.now
        while smtp.hangPending, ContinuousClock.now - pickedUp < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!smtp.hangPending, "the message never reached the server")

        // The deadline is the behaviour under test: SHUTDOWN_GRACE (2 s) plus 2 s to exit.
        let signalled = ContinuousClock.now
        kill(first.process.processIdentifier, SIGTERM)
        while first.process.isRunning, ContinuousClock.now - signalled < .seconds(30) { try await Task.sleep(for: .milliseconds(10)) }
        let shutdownTime = ContinuousClock.now - signalled
        try #require(!first.process.isRunning, "authd still runs 30 s after SIGTERM")
        #expect(first.process.terminationStatus == 0)
        #expect(shutdownTime < .seconds(4), "authd took \(shutdownTime) to stop")
        #expect(first.stderr.contains("mail delivery interrupted by shutdown; due again at once"))
        #expect(smtp.received(to: hung).isEmpty)

        // The next instance sends it at once (no lease to wait out), and only once.
        let second = try await start(smtp, settings)
        defer { _ = second.terminate() }
        let redelivery = try await timeUntilDelivered(hung, on: smtp)
        #expect(redelivery < .seconds(10), "the interrupted mail took \(redelivery) after the restart")
        try await Task.sleep(for: .seconds(1))
        #expect(smtp.received(to: hung).values.first == 1)
        print("mail figures: SIGTERM with a hung SMTP transaction: exit after \(shutdownTime) (SHUTDOWN_GRACE 2 s); redelivered \(redelivery) after the restart")
        try await smtp.stop()
    }
}
