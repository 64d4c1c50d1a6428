/// A limit: at most `limit` hits per `window`.
public struct RateLimitPolicy: Hashable, Sendable {
    public var limit: Int
    public var window: Duration
    /// Creates a policy.
    public init(limit: Int, window: Duration) {
        self.limit = limit
        self.window = window
    }
    /// The seed's default: 10 requests per 60 seconds.
    public static let `default` = RateLimitPolicy(limit: 10, window: .seconds(60))
}

/// The answer to one hit.
public struct RateLimitDecision: Hashable, Sendable {
    /// Whether this hit is within the limit.
    public var allowed: Bool
    public var limit: Int
    /// Hits left in the current window after this one.
    public var remaining: Int
    /// Whole seconds until the window resets (at least 1 while the window is open).
    public var resetAfterSeconds: Int
    /// Creates a decision.
    public init(allowed: Bool, limit: Int, remaining: Int, resetAfterSeconds: Int) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetAfterSeconds = resetAfterSeconds
    }
}

/// Counts hits per key in fixed windows.
///
/// Semantics every adapter shares: a key's window opens at its first hit and lasts `policy.window`;
/// hits within it are counted (refused hits count too, so hammering does not help); hit number
/// `limit + 1` and later are refused until the window ends.
public protocol RateLimiter: Sendable {
    /// Records one hit on `key` and decides whether it is allowed.
    func hit(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
    /// The state of `key`'s current window without counting a hit: `allowed` says whether one
    /// more hit would be, `remaining` how many are left (all of them when no window is open).
    /// Lets a policy refuse before doing work and count only what failed.
    func peek(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision
    /// Takes back one hit of `key`'s current window (never below zero; nothing when no window is
    /// open). Lets a policy count an attempt *before* slow work, so parallel attempts cannot all
    /// pass a check, and give it back when the attempt succeeded.
    func refund(_ key: String, policy: RateLimitPolicy) async throws
}
