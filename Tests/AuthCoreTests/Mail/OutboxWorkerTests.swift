import AuthCore
import AuthTesting
import Foundation
import Testing

@Suite(.timeLimit(.minutes(3))) struct OutboxWorkerTests {
    let clock = ManualClock()
    let log = LogCapture()

    func configuration(maxAttempts: Int = 5) -> OutboxWorker.Configuration {
        var c = OutboxWorker.Configuration()
        c.initialBackoff = .seconds(10)
        c.maxBackoff = .seconds(3600)
        c.maxAttempts = maxAttempts
        c.pollInterval = .milliseconds(5)
        return c
    }

    func worker(_ outbox: any MailOutbox, _ transport: any MailTransport, maxAttempts: Int = 5) -> OutboxWorker {
        OutboxWorker(outbox: outbox, transport: transport, configuration: configuration(maxAttempts: maxAttempts),
                     clock: clock, logger: log.logger)
    }

    func message() -> MailMessage { MailOutboxContract.message(at: clock.now) }

    @Test func sendingOnlyEnqueuesAndTheWorkerDelivers() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport()
        let m = message()
        try await OutboxMailer(outbox: outbox).send(m)
        #expect(await transport.attempts.isEmpty)
        #expect(await outbox.pendingMessages == [m])

        let worker = worker(outbox, transport)
        #expect(await worker.deliverDue() == 1)
        #expect(await transport.delivered == [m])
        #expect(await outbox.summary() == MailOutboxSummary(pending: 0, givenUp: 0))
        #expect(worker.deliveredCount == 1)
    }

    @Test func transientFailuresAreRetriedWithExponentialBackoff() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport(failures: Array(repeating: MailTransportError(.transient, "connection refused"), count: 3))
        let m = message()
        await outbox.enqueue(m)
        let worker = worker(outbox, transport)

        #expect(await worker.deliverDue() == 1)  // fails; next try after 10 s
        for wait in [10, 20, 40] {  // doubling waits
            clock.advance(by: .seconds(wait - 1))
            #expect(await worker.deliverDue() == 0, "retried before its \(wait) s backoff ended")
            clock.advance(by: .seconds(1))
            #expect(await worker.deliverDue() == 1)
        }
        #expect(await transport.attempts.count == 4)
        #expect(await transport.delivered == [m])
        #expect(await outbox.summary().pending == 0)
        #expect(log.messages(at: .warning).count == 3)
        #expect(worker.givenUpCount == 0)
    }

    @Test func givesUpAfterMaxAttemptsWithAnErrorLogAndACount() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport(failForever: MailTransportError(.transient, "connection refused"))
        // A notice carries no code, so no expiry cuts the retries short.
        await outbox.enqueue(MailMessage(to: message().to, kind: .passwordChanged(at: clock.now)))
        let worker = worker(outbox, transport, maxAttempts: 3)
        for _ in 0..<6 {
            await worker.deliverDue()
            clock.advance(by: .seconds(3600))
        }
        #expect(await transport.attempts.count == 3)
        #expect(worker.givenUpCount == 1)
        #expect(await outbox.summary() == MailOutboxSummary(pending: 0, givenUp: 1))
        #expect(log.messages(at: .error).contains { $0.contains("giving up") })
    }

    @Test func aRejectedMessageIsGivenUpAtOnce() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport(failForever: MailTransportError(.rejected, "550 no such user"))
        await outbox.enqueue(message())
        let worker = worker(outbox, transport)
        await worker.deliverDue()
        clock.advance(by: .seconds(3600))
        await worker.deliverDue()
        #expect(await transport.attempts.count == 1)
        #expect(worker.givenUpCount == 1)
        #expect(await outbox.givenUpMessages.first?.error?.contains("550 no such user") == true)
    }

    @Test func aRefusedLoginIsLoggedAsAnErrorAndRetriedLater() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport(failures: [MailTransportError(.misconfigured, "SMTP server refused the login")])
        let m = message()
        await outbox.enqueue(m)
        let worker = worker(outbox, transport)
        await worker.deliverDue()
        #expect(log.messages(at: .error).contains { $0.contains("check the mail configuration") })
        #expect(await outbox.pendingMessages == [m])
        clock.advance(by: .seconds(10))
        await worker.deliverDue()
        #expect(await transport.delivered == [m])
        #expect(worker.givenUpCount == 0)
    }

    @Test func aCodeThatExpiredBeforeDeliveryIsNotSent() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport(failures: [MailTransportError(.transient, "connection refused")])
        await outbox.enqueue(message())  // the code is valid for 15 minutes
        var configuration = configuration()
        configuration.initialBackoff = .seconds(1200)
        let worker = OutboxWorker(outbox: outbox, transport: transport, configuration: configuration, clock: clock, logger: log.logger)
        await worker.deliverDue()
        clock.advance(by: .seconds(1200))
        await worker.deliverDue()
        #expect(await transport.attempts.count == 1)
        #expect(await transport.delivered.isEmpty)
        #expect(worker.givenUpCount == 1)
    }

    @Test func workersSharingAnOutboxDeliverEachMessageOnce() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport()
        for _ in 0..<40 { await outbox.enqueue(message()) }
        let a = worker(outbox, transport), b = worker(outbox, transport)
        async let first = a.deliverDue()
        async let second = b.deliverDue()
        #expect(await first + second == 40)
        let ids = await transport.delivered.map(\.id)
        #expect(ids.count == 40 && Set(ids).count == 40)
    }

    @Test func aNewWorkerDeliversWhatADeadWorkerHadClaimed() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let m = message()
        await outbox.enqueue(m)
        _ = await outbox.claim(limit: 1, lease: configuration().lease)  // a worker that then died
        let transport = ScriptedTransport()
        let next = worker(outbox, transport)
        #expect(await next.deliverDue() == 0)
        clock.advance(by: configuration().lease)
        #expect(await next.deliverDue() == 1)
        #expect(await transport.delivered == [m])
    }

    @Test func runPollsForMailUntilCancelled() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = ScriptedTransport()
        let worker = worker(outbox, transport)
        let service = Task { await worker.run() }
        let m = message()
        try await OutboxMailer(outbox: outbox).send(m)  // picked up by polling
        try await eventually { await transport.delivered == [m] }
        service.cancel()
        await service.value
        #expect(await outbox.summary() == MailOutboxSummary(pending: 0, givenUp: 0))
    }

    @Test func headerInjectionIsRefusedBeforeAnythingIsQueued() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let mailer = OutboxMailer(outbox: outbox)
        for address in ["victim@example.com\r\nBcc: all@example.com", "victim@example.com\nX: y", "a\r@example.com"] {
            let m = MailMessage(to: EmailAddress(normalized: address), kind: .signUpAttempted(at: clock.now))
            let error = await #expect(throws: AuthError.self) { try await mailer.send(m) }
            #expect(error?.code == .invalidRequest)
        }
        #expect(await outbox.summary().pending == 0)
    }

    @Test func backoffDoublesUpToItsCap() {
        var c = OutboxWorker.Configuration()
        c.initialBackoff = .seconds(5)
        c.maxBackoff = .seconds(60)
        #expect((1...6).map { c.backoff(afterAttempt: $0) } == [.seconds(5), .seconds(10), .seconds(20), .seconds(40), .seconds(60), .seconds(60)])
        #expect(c.backoff(afterAttempt: 500) == .seconds(60))
    }
}
