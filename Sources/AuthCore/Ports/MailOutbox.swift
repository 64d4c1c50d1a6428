import Foundation

/// A message an ``OutboxWorker`` has claimed from a ``MailOutbox``, and the lease it holds on it.
public struct ClaimedMail: Hashable, Sendable {
    /// The message to deliver.
    public var message: MailMessage
    /// Which delivery attempt this claim is (1 for the first). It also fences the claim: an outbox
    /// ignores `markFailed`/`giveUp` from a claim that a later claim of the same message replaced.
    public var attempt: Int
    /// Until when no other worker can claim the message.
    public var leasedUntil: Date

    /// Creates a claim (adapters do this).
    public init(message: MailMessage, attempt: Int, leasedUntil: Date) {
        self.message = message
        self.attempt = attempt
        self.leasedUntil = leasedUntil
    }
}

/// How many messages an outbox holds, for health checks and metrics.
public struct MailOutboxSummary: Hashable, Sendable {
    /// Messages not yet delivered and still being tried (due, leased or waiting for a retry).
    public var pending: Int
    /// Messages the worker gave up on; kept for an operator to inspect.
    public var givenUp: Int

    /// Creates a summary.
    public init(pending: Int, givenUp: Int) {
        self.pending = pending
        self.givenUp = givenUp
    }
}

/// A durable queue of mail waiting for delivery (the transactional-outbox pattern).
///
/// Flows enqueue through an ``OutboxMailer``; one or more ``OutboxWorker``s (one per `authd`
/// instance) claim due messages, deliver them and record the outcome. Semantics every adapter
/// shares (``MailOutboxContract`` checks them):
///
/// - Enqueueing a message whose `id` is already queued does nothing.
/// - A message is due when it is neither delivered nor given up and its next attempt time has
///   come; a new message is due at once. Claims take the oldest due messages first.
/// - A claim leases the message until `now + lease` and counts one attempt: no other claim returns
///   it before the lease ends, so two workers never deliver one message at once. A lease that
///   ends without an outcome (the worker died) makes the message due again.
/// - `markSent` removes the message: nothing carrying a one-time code stays stored after delivery.
/// - `markFailed` makes the message due again at `nextAttemptAt`; `giveUp` parks it for good.
///   Both are ignored when the claim is stale (a later claim of the message exists).
///
/// Time is the adapter's injected ``WallClock``; share one clock between the outbox and its workers.
///
/// Erasing a user (``UserDataEraser``) drops every mail addressed to the user.
public protocol MailOutbox: UserDataEraser {
    /// Stores `message` for delivery, due now.
    func enqueue(_ message: MailMessage) async throws
    /// Claims up to `limit` due messages, oldest first, leasing each for `lease`.
    func claim(limit: Int, lease: Duration) async throws -> [ClaimedMail]
    /// Records that `claim`'s message was delivered, and forgets it.
    func markSent(_ claim: ClaimedMail) async throws
    /// Records a failed attempt; the message is due again at `nextAttemptAt`.
    /// - Parameter error: a short reason for operators; must not hold secrets.
    func markFailed(_ claim: ClaimedMail, error: String, nextAttemptAt: Date) async throws
    /// Records that delivery was abandoned after `claim`; the message is never claimed again.
    func giveUp(_ claim: ClaimedMail, error: String) async throws
    /// Counts pending and given-up messages.
    func summary() async throws -> MailOutboxSummary
}
