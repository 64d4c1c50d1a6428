import Foundation
import Logging

/// Delivers the webhooks queued in a ``WebhookStore`` through a ``WebhookTransport``: at least
/// once, retried with a growing backoff for a day (docs/webhooks.md, "Delivery").
///
/// A long-running service: the host starts ``run()`` and stops it by cancelling its task. Several
/// workers (one per authd instance) may share a store: its leases keep them from sending one
/// delivery at once. Each attempt is signed anew, so its `webhook-timestamp` is the time it is
/// sent and a receiver's replay window accepts a delivery retried hours later.
public struct WebhookWorker: Sendable {
    /// How the worker polls, retries and gives up.
    public struct Configuration: Sendable {
        /// How long the worker sleeps when nothing is due. Default 1 s.
        public var pollInterval: Duration = .seconds(1)
        /// How long a claimed delivery stays invisible to other workers; it must exceed
        /// `requestTimeout`. Default 60 s.
        public var lease: Duration = .seconds(60)
        /// How long one POST may take. Default 10 s.
        public var requestTimeout: Duration = .seconds(10)
        /// Deliveries running at once. Default 4.
        public var concurrency: Int = 4
        /// The wait after the first failed attempt; it doubles after each further one. Default 5 s.
        public var initialBackoff: Duration = .seconds(5)
        /// The longest wait between attempts. Default 1 hour.
        public var maxBackoff: Duration = .seconds(3600)
        /// How long after it was queued a delivery is still tried. Default 24 hours.
        public var retryFor: Duration = .seconds(86_400)
        /// How long a delivered or given-up delivery is kept for the operator (the dashboard, the
        /// redeliver button); older ones are deleted once an hour. Default 30 days.
        public var keepFinishedFor: Duration = .seconds(30 * 86_400)

        /// The defaults.
        public init() {}

        /// The wait after failed attempt number `attempt` (1-based): exponential, capped.
        public func backoff(afterAttempt attempt: Int) -> Duration {
            let doublings = min(max(attempt - 1, 0), 30)
            let seconds = min(initialBackoff.timeInterval * Double(1 << UInt64(doublings)), maxBackoff.timeInterval)
            return .milliseconds(Int64(seconds * 1000))
        }
    }

    /// The configuration in force.
    public let configuration: Configuration
    let store: any WebhookStore
    let transport: any WebhookTransport
    let clock: any WallClock
    let logger: Logger

    /// Creates a worker; it does nothing until ``run()`` or ``deliverDue()``.
    public init(
        store: any WebhookStore, transport: any WebhookTransport, configuration: Configuration = Configuration(),
        clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "auth.webhooks")
    ) {
        self.store = store
        self.transport = transport
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Delivers due webhooks until the calling task is cancelled.
    public func run() async {
        logger.info("webhook worker started", metadata: ["concurrency": "\(configuration.concurrency)"])
        await withTaskGroup(of: Void.self) { lanes in
            for _ in 0..<max(1, configuration.concurrency) {
                lanes.addTask { await lane() }
            }
            lanes.addTask { await purgeHourly() }
        }
        logger.info("webhook worker stopped")
    }

    /// Attempts every delivery due now, once each, and returns how many attempts were made.
    @discardableResult
    public func deliverDue() async -> Int {
        var attempts = 0
        while !Task.isCancelled, let claims = try? await store.claim(limit: 16, lease: configuration.lease), !claims.isEmpty {
            for claim in claims { await process(claim) }
            attempts += claims.count
        }
        return attempts
    }

    /// Deletes finished deliveries older than `keepFinishedFor`, once an hour.
    private func purgeHourly() async {
        while !Task.isCancelled {
            do {
                try await store.purge(finishedBefore: clock.now.addingTimeInterval(-configuration.keepFinishedFor.timeInterval))
            } catch {
                if !Task.isCancelled { logger.warning("cannot purge old webhook deliveries", metadata: ["error": "\(error)"]) }
            }
            try? await Task.sleep(for: .seconds(3600))
        }
    }

    private func lane() async {
        var failures = 0
        while !Task.isCancelled {
            let claims: [ClaimedWebhook]
            do {
                claims = try await store.claim(limit: 1, lease: configuration.lease)
                failures = 0
            } catch {
                if Task.isCancelled { return }
                failures = min(failures + 1, 5)
                logger.warning("cannot claim webhook deliveries", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: configuration.pollInterval * (1 << failures))
                continue
            }
            if claims.isEmpty {
                try? await Task.sleep(for: configuration.pollInterval)
                continue
            }
            for claim in claims { await process(claim) }
        }
    }

    /// One attempt at `claim`, and its outcome recorded.
    func process(_ claim: ClaimedWebhook) async {
        let delivery = claim.delivery
        var metadata: Logger.Metadata = [
            "delivery_id": "\(delivery.id)", "webhook_id": "\(delivery.messageID)", "event": "\(delivery.eventType)",
            "attempt": "\(claim.attempt)",
        ]
        var status: Int?
        var failure = ""
        var permanent = false
        do {
            let signer = try WebhookSigner(secret: claim.secret)
            let request = WebhookRequest(
                url: claim.url, headers: signer.headers(id: delivery.messageID, at: clock.now, body: delivery.payload),
                body: delivery.payload, timeout: configuration.requestTimeout)
            let answer = try await transport.post(request)
            if (200..<300).contains(answer) {
                AuthMetrics.webhookDelivery(.delivered)
                await record("delivered", metadata) { try await store.markDelivered(claim, status: answer) }
                logger.debug("webhook delivered", metadata: metadata)
                return
            }
            status = answer
            failure = "the endpoint answered \(answer)"
        } catch let error as AuthError where error.code == .forbidden || error.code == .invalidRequest {
            failure = error.publicDetail ?? "\(error)"
            permanent = true
        } catch {
            if Task.isCancelled { return }  // the lease ends and another attempt follows
            failure = String("\(error)".prefix(500))
        }
        metadata["error"] = "\(failure)"
        let age = clock.now.timeIntervalSince(delivery.createdAt)
        if permanent || age >= configuration.retryFor.timeInterval {
            AuthMetrics.webhookDelivery(.givenUp)
            logger.error("giving up on a webhook delivery", metadata: metadata)
            await record("given up", metadata) { try await store.giveUp(claim, status: status, error: failure) }
            return
        }
        AuthMetrics.webhookDelivery(.retried)
        let delay = configuration.backoff(afterAttempt: claim.attempt)
        metadata["retry_in"] = "\(delay)"
        logger.warning("webhook delivery failed; will retry", metadata: metadata)
        await record("failed", metadata) {
            try await store.markFailed(
                claim, status: status, error: failure, nextAttemptAt: clock.now.addingTimeInterval(delay.timeInterval))
        }
    }

    private func record(_ outcome: String, _ metadata: Logger.Metadata, _ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.warning(
                "cannot record a \(outcome) webhook delivery; retried when its lease ends",
                metadata: metadata.merging(["store_error": "\(error)"]) { $1 })
        }
    }
}
