import Foundation

/// A ``MailOutbox`` in memory, for the embedded default and tests.
///
/// It retries and backs off like any outbox, but it is not durable: mail still queued when the
/// process ends is lost. Use the PostgreSQL outbox wherever mail must survive a restart.
public actor InMemoryMailOutbox: MailOutbox {
    private struct Entry {
        var message: MailMessage
        var enqueuedAt: Date
        var attempts = 0
        var nextAttemptAt: Date
        var lastError: String?
        var givenUp = false
    }

    private var entries: [UUID: Entry] = [:]
    private let clock: any WallClock

    /// Creates an empty outbox reading time from `clock`.
    public init(clock: any WallClock = SystemClock()) { self.clock = clock }

    public func enqueue(_ message: MailMessage) {
        guard entries[message.id] == nil else { return }
        let now = clock.now
        entries[message.id] = Entry(message: message, enqueuedAt: now, nextAttemptAt: now)
    }

    public func claim(limit: Int, lease: Duration) -> [ClaimedMail] {
        let now = clock.now
        let leasedUntil = now.addingTimeInterval(lease.timeInterval)
        let due = entries.values
            .filter { !$0.givenUp && $0.nextAttemptAt <= now }
            .sorted { ($0.nextAttemptAt, $0.enqueuedAt) < ($1.nextAttemptAt, $1.enqueuedAt) }
            .prefix(max(0, limit))
        return due.map { entry in
            // The lease is the next attempt time pushed past the lease: nobody else sees it as due.
            var entry = entry
            entry.attempts += 1
            entry.nextAttemptAt = leasedUntil
            entries[entry.message.id] = entry
            return ClaimedMail(message: entry.message, attempt: entry.attempts, leasedUntil: leasedUntil)
        }
    }

    public func markSent(_ claim: ClaimedMail) {
        entries[claim.message.id] = nil
    }

    public func markFailed(_ claim: ClaimedMail, error: String, nextAttemptAt: Date) {
        guard var entry = entries[claim.message.id], entry.attempts == claim.attempt, !entry.givenUp else { return }
        entry.nextAttemptAt = nextAttemptAt
        entry.lastError = error
        entries[claim.message.id] = entry
    }

    public func giveUp(_ claim: ClaimedMail, error: String) {
        guard var entry = entries[claim.message.id], entry.attempts == claim.attempt else { return }
        entry.givenUp = true
        entry.lastError = error
        entries[claim.message.id] = entry
    }

    public func summary() -> MailOutboxSummary {
        let givenUp = entries.values.count { $0.givenUp }
        return MailOutboxSummary(pending: entries.count - givenUp, givenUp: givenUp)
    }

    /// Messages not yet delivered nor given up, oldest first.
    public var pendingMessages: [MailMessage] {
        entries.values.filter { !$0.givenUp }.sorted { $0.enqueuedAt < $1.enqueuedAt }.map(\.message)
    }

    /// Messages given up on, with the last error of each.
    public var givenUpMessages: [(message: MailMessage, error: String?)] {
        entries.values.filter(\.givenUp).sorted { $0.enqueuedAt < $1.enqueuedAt }.map { ($0.message, $0.lastError) }
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryMailOutbox {
    /// Drops the mail addressed to the user, sent or not.
    public func eraseData(of user: User) { entries = entries.filter { $0.value.message.to != user.email } }
}
