import AuthCore
import AuthMailSMTP
import AuthTesting
import Foundation
import Testing

/// An SMTP server that takes a message and never answers its final "." (docs/operations.md,
/// "Mail faults"): cancellation cuts the dialogue, and the worker's other lanes keep mail flowing.
@Suite(.enabled(if: SMTPTestServer.isAvailableOrRequired), .timeLimit(.minutes(1)))
struct SMTPHungTransactionTests {
    func code(to recipient: EmailAddress) -> MailMessage {
        MailMessage(to: recipient, kind: .signInCode(code: "314159", expiresAt: Date().addingTimeInterval(600)))
    }

    /// Waits for `condition`, for at most 20 s (a safety net, not a measurement).
    func waitUntil(_ condition: () throws -> Bool) async throws {
        let start = ContinuousClock.now
        while try !condition(), ContinuousClock.now - start < .seconds(20) { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func cancellingADeliveryCutsAServerThatNeverAnswersTheEndOfTheMessage() async throws {
        try await SMTPTestServer.Private.with(mode: "plain") { server in
            let recipient = try SMTPTestServer.recipient("hung")
            try server.hangOnNextMessage(to: recipient.value)
            // The default 120 s wait for the final reply: only cancellation can end this delivery sooner.
            let transport = try SMTPTransport(configuration: SMTPConfiguration(url: try server.url(), from: "auth@example.test"))
            let message = code(to: recipient)
            let delivery = Task { try await transport.deliver(message) }
            try await waitUntil { !server.hangPending }
            #expect(!server.hangPending, "the message never reached the server")
            delivery.cancel()
            await #expect(throws: CancellationError.self) { try await delivery.value }
            #expect(try ReceivedMail.all(in: server.maildir, recipient: recipient.value).isEmpty)
        }
    }

    @Test func aServerHungOnOneMessageDelaysNoOtherMail() async throws {
        try await SMTPTestServer.Private.with(mode: "plain") { server in
            let outbox = InMemoryMailOutbox(clock: SystemClock())
            let transport = try SMTPTransport(configuration: SMTPConfiguration(url: try server.url(), from: "auth@example.test"))
            var configuration = OutboxWorker.Configuration()
            configuration.pollInterval = .milliseconds(50)
            let worker = OutboxWorker(outbox: outbox, transport: transport, configuration: configuration)
            let running = Task { await worker.run() }

            let hung = try SMTPTestServer.recipient("hung")
            try server.hangOnNextMessage(to: hung.value)
            await outbox.enqueue(code(to: hung))
            try await waitUntil { !server.hangPending }
            #expect(!server.hangPending, "the message never reached the server")

            let others = try (0..<5).map { _ in try SMTPTestServer.recipient("other") }
            for recipient in others { await outbox.enqueue(code(to: recipient)) }
            let queued = ContinuousClock.now
            try await waitUntil { try others.allSatisfy { try !ReceivedMail.all(in: server.maildir, recipient: $0.value).isEmpty } }
            let elapsed = ContinuousClock.now - queued
            // "A few seconds" is the promise (docs/mail.md): the hung transaction waits 120 s.
            #expect(elapsed < .seconds(3), "the other mail took \(elapsed) behind the hung transaction")
            #expect(try ReceivedMail.all(in: server.maildir, recipient: hung.value).isEmpty)
            print("mail figures: 5 codes behind a hung SMTP transaction delivered in \(elapsed)")

            running.cancel()
            await running.value
        }
    }
}
