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

    /// Delivers due mail, then polls every `pollInterval`, until the calling task is cancelled.
    ///
    /// Cancellation lets deliveries already under way finish and record their outcome, so a
    /// graceful shutdown neither loses nor duplicates a message.
    public func run() async {
        logger.info("mail outbox worker started", metadata: ["concurrency": "\(configuration.concurrency)"])
        var idlePolls = 0
        var sampledAt: ContinuousClock.Instant?
        while !Task.isCancelled {
            let (_, outboxFailed) = await deliverBatch()
            if !outboxFailed, sampledAt.map({ .now - $0 >= configuration.summaryInterval }) ?? true {
                if let summary = try? await outbox.summary() { AuthMetrics.outbox(summary) }
                sampledAt = .now
            }
            // Back off from a failing outbox (its store is down) rather than log every poll.
            idlePolls = outboxFailed ? min(idlePolls + 1, 5) : 0
            do { try await Task.sleep(for: configuration.pollInterval * (1 << idlePolls)) } catch { break }
        }
        logger.info("mail outbox worker stopped")
    }

    /// Delivers every message due now and returns how many attempts were made.
    @discardableResult
    public func deliverDue() async -> Int { await deliverBatch().attempts }

    private func deliverBatch() async -> (attempts: Int, outboxFailed: Bool) {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for _ in 0..<max(1, configuration.concurrency) { group.addTask { await self.drainLane() } }
            return await group.reduce((0, false)) { ($0.0 + $1.0, $0.1 || $1.1) }
        }
    }

    /// Claims and processes one message at a time, so every lease starts when its delivery does.
    private func drainLane() async -> (Int, Bool) {
        var attempts = 0
        while !Task.isCancelled {
            let claim: ClaimedMail
            do {
                guard let next = try await outbox.claim(limit: 1, lease: configuration.lease).first else { break }
                claim = next
            } catch {
                logger.warning("cannot claim mail from the outbox", metadata: ["error": "\(Self.describe(error))"])
                return (attempts, true)
            }
            // An unstructured task does not inherit cancellation: the attempt and its bookkeeping
            // complete even during shutdown.
            await Task { await self.process(claim) }.value
            attempts += 1
        }
        return (attempts, false)
    }
}
