import Foundation
import Logging
import Synchronization

/// Delivers the mail in a ``MailOutbox`` through a ``MailTransport``, with retries.
///
/// A long-running service: the host starts ``run()`` (for example as a swift-service-lifecycle
/// `Service`) and stops it by cancelling its task. Nothing runs before `run()` is called. Several
/// workers, in one process or many, may share an outbox: its leases keep them from delivering one
/// message twice.
///
/// A failed delivery is retried after an exponential backoff (``Configuration``); after
/// `maxAttempts` attempts, or at once when the transport says the message can never be delivered,
/// the message is given up: logged at error level and counted in ``givenUpCount``.
public final class OutboxWorker: Sendable {
    /// How the worker polls, retries and gives up.
    public let configuration: Configuration
    let outbox: any MailOutbox
    let transport: any MailTransport
    let clock: any WallClock
    let logger: Logger
    let delivered = Atomic<Int>(0)
    let givenUp = Atomic<Int>(0)

    /// Creates a worker; it does nothing until ``run()``.
    /// - Parameters:
    ///   - clock: the clock the outbox reads too, so retry times agree.
    public init(
        outbox: any MailOutbox, transport: any MailTransport, configuration: Configuration = Configuration(),
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "auth.mail.outbox")
    ) {
        self.outbox = outbox
        self.transport = transport
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Messages delivered by this worker since it was made.
    public var deliveredCount: Int { delivered.load(ordering: .relaxed) }
    /// Messages this worker gave up on since it was made (a metric to alert on).
    public var givenUpCount: Int { givenUp.load(ordering: .relaxed) }

    /// Delivers due mail until the calling task is cancelled.
    ///
    /// `concurrency` lanes run independently: each claims one message, delivers it, records the
    /// outcome and claims the next, polling every `pollInterval` while nothing is due, so one
    /// slow SMTP transaction holds up only its own lane. Cancellation reaches the deliveries under
    /// way (an SMTP dialogue is cut); their messages are released when the outbox still answers a
    /// cancelled task (PostgreSQL does not), else due again when their lease ends. To let
    /// deliveries finish and release what is cut, stop with ``run(until:)``.
    public func run() async {
        await run(shutdown: nil)
    }

    /// Delivers due mail until `stopRequested` returns, then winds down.
    ///
    /// Once `stopRequested` returns an instant, the lanes claim nothing more; deliveries under way
    /// may finish until that instant, and are then cancelled (cancellation reaches the SMTP
    /// dialogue). A cancelled delivery's message is made due again at once, so the next instance
    /// sends it without waiting out the lease. Cancelling the calling task stops everything at once,
    /// as with ``run()``.
    ///
    /// - Parameter stopRequested: returns when the host starts shutting down, with the instant by
    ///   which deliveries must have ended (authd: the SIGTERM plus `SHUTDOWN_GRACE`). It is
    ///   cancelled when the worker ends first, and should then return.
    public func run(until stopRequested: @escaping @Sendable () async -> ContinuousClock.Instant) async {
        await run(shutdown: stopRequested)
    }

    private func run(shutdown stopRequested: (@Sendable () async -> ContinuousClock.Instant)?) async {
        logger.info("mail outbox worker started", metadata: ["concurrency": "\(configuration.concurrency)"])
        let shutdown = Shutdown()
        await withTaskGroup(of: Void.self) { group in
            if let stopRequested {
                group.addTask {
                    let deadline = await stopRequested()
                    guard !Task.isCancelled else { return }
                    shutdown.request(deadline: deadline)
                    self.logger.info("mail outbox worker stopping: claiming no more mail", metadata: [
                        "deliveries_cut_in": "\(max(.zero, deadline - .now))",
                    ])
                }
            }
            await withTaskGroup(of: Void.self) { lanes in
                for _ in 0..<max(1, configuration.concurrency) {
                    lanes.addTask { await self.lane(shutdown) }
                }
                lanes.addTask { await self.sampleSummary(shutdown) }
            }
            // Every lane ended (stop requested or task cancelled): the stop request is moot.
            group.cancelAll()
        }
        logger.info("mail outbox worker stopped")
    }

    /// Delivers every message due now and returns how many attempts were made.
    ///
    /// `concurrency` lanes claim and deliver until nothing is due; nothing waits for a poll.
    @discardableResult
    public func deliverDue() async -> Int {
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<max(1, configuration.concurrency) {
                group.addTask {
                    var attempts = 0
                    while !Task.isCancelled {
                        guard let claims = await self.claimNext(), !claims.isEmpty else { break }
                        for claim in claims { await self.process(claim, shutdown: nil) }
                        attempts += claims.count
                    }
                    return attempts
                }
            }
            return await group.reduce(0, +)
        }
    }

    /// One lane: claim one message, deliver it, record the outcome; poll while nothing is due.
    private func lane(_ shutdown: Shutdown) async {
        var failedClaims = 0
        while !Task.isCancelled, !shutdown.isRequested {
            guard let claims = await claimNext() else {
                // Back off from a failing outbox (its store is down) rather than log every poll.
                failedClaims = min(failedClaims + 1, 5)
                await shutdown.sleep(for: configuration.pollInterval * (1 << failedClaims))
                continue
            }
            failedClaims = 0
            if claims.isEmpty {
                await shutdown.sleep(for: configuration.pollInterval)
                continue
            }
            // Every claimed message gets an outcome: none waits out a lease unattempted.
            for claim in claims { await process(claim, shutdown: shutdown) }
        }
    }

    /// The next claim (one message, or none due), or nil when the outbox failed.
    private func claimNext() async -> [ClaimedMail]? {
        do {
            return try await outbox.claim(limit: 1, lease: configuration.lease)
        } catch {
            if !Task.isCancelled {
                logger.warning("cannot claim mail from the outbox", metadata: ["error": "\(Self.describe(error))"])
            }
            return nil
        }
    }

    /// Counts the outbox every `summaryInterval` for the `authd_mail_outbox_messages` gauge.
    private func sampleSummary(_ shutdown: Shutdown) async {
        while !Task.isCancelled, !shutdown.isRequested {
            if let summary = try? await outbox.summary() { AuthMetrics.outbox(summary) }
            await shutdown.sleep(for: configuration.summaryInterval)
        }
    }
}
