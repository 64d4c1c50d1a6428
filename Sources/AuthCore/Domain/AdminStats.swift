/// The dashboard's overview: ``DirectoryCounts`` over the last 24 hours and the mail outbox.
public struct AdminStats: Hashable, Sendable {
    /// Accounts, live sessions, and sign-ins and failures in the last 24 hours.
    public var counts: DirectoryCounts
    /// The outbox's pending and given-up mail; `nil` when mail does not go through an outbox.
    public var outbox: MailOutboxSummary?

    /// Creates the overview.
    public init(counts: DirectoryCounts, outbox: MailOutboxSummary?) {
        self.counts = counts
        self.outbox = outbox
    }
}
