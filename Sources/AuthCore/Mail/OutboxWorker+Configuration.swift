extension OutboxWorker {
    /// How an ``OutboxWorker`` polls, retries and gives up.
    public struct Configuration: Sendable {
        /// How long the worker sleeps when nothing is due. Default 1 s.
        public var pollInterval: Duration = .seconds(1)
        /// How often the worker counts the outbox's pending and given-up messages for the
        /// `authd_mail_outbox_messages` gauge (one small query). Default 15 s.
        public var summaryInterval: Duration = .seconds(15)
        /// How long a claimed message stays invisible to other workers. It must exceed the
        /// transport's worst-case delivery time (SMTP's timeouts add up to about 3 minutes), else a
        /// slow delivery could be claimed and sent a second time. Default 5 minutes.
        public var lease: Duration = .seconds(300)
        /// Deliveries running at once. Default 4.
        public var concurrency: Int = 4
        /// Attempts before a message is given up (a rejected message is given up at once).
        /// Default 12: with the default backoff about 3 hours of trying.
        public var maxAttempts: Int = 12
        /// The wait after the first failed attempt; it doubles after each further failure.
        /// Default 5 s.
        public var initialBackoff: Duration = .seconds(5)
        /// The longest wait between attempts. Default 30 minutes.
        public var maxBackoff: Duration = .seconds(1800)
        /// Whether a message whose one-time code expired before it could be delivered is given up
        /// instead of sent (a dead code only confuses; the user asks for a new one). Default `true`.
        public var dropExpiredCodes: Bool = true

        /// Creates the default configuration.
        public init() {}

        /// The wait after failed attempt number `attempt` (1-based): exponential, capped.
        public func backoff(afterAttempt attempt: Int) -> Duration {
            let doublings = min(max(attempt - 1, 0), 40)
            let seconds = initialBackoff.timeInterval * Double(1 << UInt64(doublings))
            return min(Duration.milliseconds(Int64(min(seconds, 1e12) * 1000)), maxBackoff)
        }
    }
}
