import AuthCore
import AuthMailSMTP
import AuthTesting
import Foundation
import Testing

/// The outbox, its worker and the SMTP transport together, through outages and restarts.
@Suite(.enabled(if: SMTPTestServer.isAvailableOrRequired)) struct SMTPOutboxTests {
    let clock = ManualClock(start: Date())

    var configuration: OutboxWorker.Configuration {
        var c = OutboxWorker.Configuration()
        c.initialBackoff = .seconds(30)
        c.maxBackoff = .seconds(600)
        c.pollInterval = .milliseconds(10)
        return c
    }

    func code(to recipient: EmailAddress, _ code: String) -> MailMessage {
        MailMessage(to: recipient, kind: .signInCode(code: code, expiresAt: clock.now.addingTimeInterval(900)))
    }

    func transport(_ url: String) throws -> SMTPTransport {
        var c = try SMTPConfiguration(url: url, from: "Auth <auth@example.test>")
        c.connectTimeout = .seconds(5)
        c.commandTimeout = .seconds(10)
        return try SMTPTransport(configuration: c, clock: clock)
    }

    @Test func aRefusedLoginKeepsTheMailQueuedUntilTheLoginWorks() async throws {
        try await SMTPTestServer.Private.with { server in
            let outbox = InMemoryMailOutbox(clock: clock)
            let recipient = try SMTPTestServer.recipient("relogin")
            let message = code(to: recipient, "246810")
            try await OutboxMailer(outbox: outbox).send(message)

            let misconfigured = OutboxWorker(outbox: outbox, transport: try transport(try server.url(password: "wrong")),
                                             configuration: configuration, clock: clock)
            #expect(await misconfigured.deliverDue() == 1)
            #expect(await outbox.pendingMessages == [message])
            #expect(misconfigured.givenUpCount == 0)
            #expect(try ReceivedMail.all(in: server.maildir, recipient: recipient.value).isEmpty)

            // The operator fixes SMTP_URL and restarts; the mail goes out at its next attempt.
            let fixed = OutboxWorker(outbox: outbox, transport: try transport(try server.url()), configuration: configuration, clock: clock)
            #expect(await fixed.deliverDue() == 0)
            clock.advance(by: .seconds(30))
            #expect(await fixed.deliverDue() == 1)
            #expect(await outbox.summary() == MailOutboxSummary(pending: 0, givenUp: 0))
            let mail = try ReceivedMail.all(in: server.maildir, recipient: recipient.value)
            #expect(mail.count == 1)
            #expect(mail.first?.part("text/plain")?.contains("246810") == true)
        }
    }

    @Test func mailSentDuringAnOutageArrivesOnceTheServerIsBack() async throws {
        try await SMTPTestServer.Private.with { server in
            let transport = try transport(try server.url())
            try await server.stop()
            let outbox = InMemoryMailOutbox(clock: clock)
            let recipient = try SMTPTestServer.recipient("outage")
            let message = code(to: recipient, "135790")
            // Accepted although the server is down: sending only records the mail.
            try await OutboxMailer(outbox: outbox).send(message)

            let worker = OutboxWorker(outbox: outbox, transport: transport, configuration: configuration, clock: clock)
            #expect(await worker.deliverDue() == 1)  // connection refused
            clock.advance(by: .seconds(29))
            #expect(await worker.deliverDue() == 0)  // backing off
            clock.advance(by: .seconds(1))
            #expect(await worker.deliverDue() == 1)  // still down; next wait 60 s
            #expect(await outbox.pendingMessages == [message])

            try await server.restart()
            clock.advance(by: .seconds(59))
            #expect(await worker.deliverDue() == 0)
            clock.advance(by: .seconds(1))
            #expect(await worker.deliverDue() == 1)
            #expect(await outbox.summary().pending == 0)
            let mail = try ReceivedMail.all(in: server.maildir, recipient: recipient.value)
            #expect(mail.count == 1)
            #expect(mail.first?.part("text/plain")?.contains("135790") == true)
        }
    }

    @Test func mailQueuedAcrossAWorkerRestartArrivesOnce() async throws {
        try await SMTPTestServer.Private.with { server in
            let transport = CountingTransport(base: try transport(try server.url()))
            try await server.stop()
            let outbox = InMemoryMailOutbox(clock: clock)
            let mailer = OutboxMailer(outbox: outbox)
            let recipient = try SMTPTestServer.recipient("restart")
            try await mailer.send(code(to: recipient, "111111"))

            // The first instance tries during the outage, then stops.
            let first = Task { await OutboxWorker(outbox: outbox, transport: transport, configuration: configuration, clock: clock).run() }
            try await eventually { await transport.attempts >= 1 }
            first.cancel()
            await first.value
            try await mailer.send(code(to: recipient, "222222"))  // accepted while no worker runs

            // The server comes back; a new instance delivers both.
            try await server.restart()
            let second = Task { await OutboxWorker(outbox: outbox, transport: transport, configuration: configuration, clock: clock).run() }
            clock.advance(by: .seconds(30))
            try await eventually { await outbox.summary().pending == 0 }
            second.cancel()
            await second.value

            let codes = try ReceivedMail.all(in: server.maildir, recipient: recipient.value).compactMap { $0.part("text/plain") }
            #expect(codes.count == 2)
            #expect(codes.contains { $0.contains("111111") } && codes.contains { $0.contains("222222") })
        }
    }

    /// Waits until `condition` holds, for at most 30 s (a deadline, not a measurement).
    func eventually(_ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 30 s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Counts delivery attempts of the transport it wraps.
actor CountingTransport: MailTransport {
    let base: SMTPTransport
    private(set) var attempts = 0
    init(base: SMTPTransport) { self.base = base }

    func deliver(_ message: MailMessage) async throws {
        attempts += 1
        try await base.deliver(message)
    }
}
