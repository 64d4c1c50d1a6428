import AuthCore

/// Thrown by the rate limiting guards; rendered as 429 `rate_limited` with `Retry-After` and the
/// `RateLimit-*` headers by ``ProblemMapper``.
struct RateLimitExceeded: Error, Sendable {
    /// The refusing decision.
    var decision: RateLimitDecision
}
