import AuthCore
import AuthTesting
import Foundation
import Testing

/// How the worker's lanes share the work, and how it stops with mail in flight (docs/mail.md).
@Suite(.timeLimit(.minutes(3))) struct OutboxWorkerLaneTests {
    let clock = ManualClock()
    let log = LogCapture()

    func worker(_ outbox: any MailOutbox, _ transport: any MailTransport, concurrency: Int = 4) -> OutboxWorker {
        var c = OutboxWorker.Configuration()
        c.pollInterval = .milliseconds(5)
        c.concurrency = concurrency
        return OutboxWorker(outbox: outbox, transport: transport, configuration: c, clock: clock, logger: log.logger)
    }

    func message() -> MailMessage { MailOutboxContract.message(at: clock.now) }

    /// A stop request the test makes by yielding the deadline; cancellation returns "now".
    static func stopSignal() -> (until: @Sendable () async -> ContinuousClock.Instant, stop: AsyncStream<ContinuousClock.Instant>.Continuation) {
        let (stream, continuation) = AsyncStream<ContinuousClock.Instant>.makeStream()
        return ({ for await deadline in stream { return deadline }; return .now }, continuation)
    }

    @Test func everyMessageAClaimReturnsIsDelivered() async throws {
        // An outbox that leases more than it was asked for must not strand the extra messages.
        let outbox = InMemoryMailOutbox(clock: clock)
        let sent = (0..<30).map { _ in message() }
        for m in sent { await outbox.enqueue(m) }
        let transport = ScriptedTransport()
        #expect(await worker(GreedyOutbox(base: outbox), transport, concurrency: 2).deliverDue() == 30)
        #expect(Set(await transport.delivered) == Set(sent))
        #expect(await outbox.summary() == MailOutboxSummary(pending: 0, givenUp: 0))
    }

    @Test func aHungDeliveryHoldsUpOnlyItsOwnLane() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let hung = message()
        let transport = StallingTransport(stallingMailTo: hung.to)
        let worker = worker(outbox, transport)
        let running = Task { await worker.run() }
        await outbox.enqueue(hung)
        try await eventually { transport.stalled == [hung] }

        // Mail queued while one lane hangs goes out through the others.
        let others = (0..<10).map { _ in message() }
        for m in others { await outbox.enqueue(m) }
        try await eventually { transport.delivered.count == 10 }
        #expect(Set(transport.delivered) == Set(others))
        #expect(transport.stalled == [hung])

        running.cancel()
        await running.value
        #expect(transport.cancelled == [hung])  // cancelling run() reaches the delivery
    }

    @Test func aStopLetsTheDeliveryUnderWayFinishBeforeItsDeadline() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let transport = GatedTransport()
        let worker = worker(outbox, transport, concurrency: 1)
        let (until, stop) = Self.stopSignal()
        let running = Task { await worker.run(until: until) }
        let m = message()
        try await OutboxMailer(outbox: outbox).send(m)  // picked up by polling
        var started = transport.started.makeAsyncIterator()
        _ = await started.next()
        stop.yield(.now + .seconds(600))
        try await eventually { log.messages(at: .info).contains { $0.hasPrefix("mail outbox worker stopping") } }
        let late = message()
        try await OutboxMailer(outbox: outbox).send(late)  // after the stop: left for the next instance
        transport.release()
        await running.value
        #expect(transport.delivered == [m])
        #expect(await outbox.pendingMessages == [late])
    }

    @Test func anIdleWorkerStopsAsSoonAsItIsAsked() async throws {
        let worker = worker(InMemoryMailOutbox(clock: clock), ScriptedTransport())
        let (until, stop) = Self.stopSignal()
        let running = Task { await worker.run(until: until) }
        stop.yield(.now + .seconds(3600))  // a deadline it must not wait for: nothing is in flight
        await running.value
        #expect(log.messages(at: .info).contains("mail outbox worker stopped"))
    }

    @Test func aDeliveryStillHungAtTheDeadlineIsCutAndItsMessageIsDueAgainAtOnce() async throws {
        let outbox = InMemoryMailOutbox(clock: clock)
        let hung = message()
        let transport = StallingTransport(stallingMailTo: hung.to)
        let worker = worker(outbox, transport)
        let (until, stop) = Self.stopSignal()
        let running = Task { await worker.run(until: until) }
        await outbox.enqueue(hung)
        try await eventually { transport.stalled == [hung] }

        stop.yield(.now + .milliseconds(50))  // the deadline itself is the behaviour under test
        await running.value
        #expect(transport.cancelled == [hung])
        #expect(log.messages(at: .notice).contains("mail delivery interrupted by shutdown; due again at once"))
        // No lease to wait out (the clock has not moved): the next instance claims it at once.
        let next = await outbox.claim(limit: 10, lease: .seconds(300))
        #expect(next.map(\.message) == [hung])
        #expect(next.first?.attempt == 2)
    }
}
