import Foundation

/// A ``RateLimiter`` in memory: fixed windows per key, time from an injected clock.
///
/// Per instance only; several instances share limits only through a remote limiter (Redis).
public actor InMemoryRateLimiter: RateLimiter {
    private struct Window {
        var openedAt: Date
        var hits: Int
        /// The window's own length, so a sweep never drops a long window early.
        var length: TimeInterval
    }
    private var windows: [String: Window] = [:]
    private let clock: any WallClock
    private var lastSweep = Date.distantPast

    /// Creates a limiter.
    public init(clock: any WallClock = SystemClock()) { self.clock = clock }

    public func hit(_ key: String, policy: RateLimitPolicy) -> RateLimitDecision {
        let now = clock.now
        let length = policy.window.timeInterval
        sweep(now: now)
        var window = windows[key] ?? Window(openedAt: now, hits: 0, length: length)
        if now.timeIntervalSince(window.openedAt) >= length { window = Window(openedAt: now, hits: 0, length: length) }
        window.hits += 1
        windows[key] = window
        let reset = max(1, Int((window.openedAt.addingTimeInterval(length).timeIntervalSince(now)).rounded(.up)))
        return RateLimitDecision(
            allowed: window.hits <= policy.limit, limit: policy.limit,
            remaining: max(0, policy.limit - window.hits), resetAfterSeconds: reset)
    }

    public func peek(_ key: String, policy: RateLimitPolicy) -> RateLimitDecision {
        let now = clock.now
        let length = policy.window.timeInterval
        guard let window = windows[key], now.timeIntervalSince(window.openedAt) < length else {
            return RateLimitDecision(allowed: policy.limit > 0, limit: policy.limit, remaining: policy.limit, resetAfterSeconds: 0)
        }
        let reset = max(1, Int((window.openedAt.addingTimeInterval(length).timeIntervalSince(now)).rounded(.up)))
        return RateLimitDecision(
            allowed: window.hits < policy.limit, limit: policy.limit,
            remaining: max(0, policy.limit - window.hits), resetAfterSeconds: reset)
    }

    public func refund(_ key: String, policy: RateLimitPolicy) {
        let now = clock.now
        guard var window = windows[key], now.timeIntervalSince(window.openedAt) < window.length, window.hits > 0 else { return }
        window.hits -= 1
        windows[key] = window
    }

    /// Drops closed windows now and then, so memory follows the number of active keys.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) > 60 else { return }
        lastSweep = now
        windows = windows.filter { now.timeIntervalSince($0.value.openedAt) < $0.value.length }
    }
}
