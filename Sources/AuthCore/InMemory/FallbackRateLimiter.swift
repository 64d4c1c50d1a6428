import Logging
import Synchronization

/// A ``RateLimiter`` that keeps limiting while its primary (Redis) is down.
///
/// Every hit goes to the primary first. When the primary throws, the hit is counted by a
/// per-instance ``InMemoryRateLimiter`` instead; a warning is logged once per outage, and a notice
/// once the primary answers again. No restart is needed: the first hit after recovery uses it.
///
/// - Important: during an outage limits are per instance rather than shared (with N instances an
///   attacker gets up to N times the limit), which is weaker but far better than no limit: breaking
///   the shared store never switches limiting off.
public final class FallbackRateLimiter: RateLimiter {
    private let primary: any RateLimiter
    private let fallback: InMemoryRateLimiter
    private let logger: Logger
    private let inOutage = Mutex(false)

    /// Wraps `primary`.
    /// - Parameters:
    ///   - primary: the shared limiter.
    ///   - clock: drives the fallback's windows.
    ///   - logger: receives the outage warning and the recovery notice.
    public init(primary: any RateLimiter, clock: any WallClock = SystemClock(), logger: Logger) {
        self.primary = primary
        self.fallback = InMemoryRateLimiter(clock: clock)
        self.logger = logger
    }

    public func peek(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        do {
            return try await primary.peek(key, policy: policy)
        } catch {
            return await fallback.peek(key, policy: policy)
        }
    }

    public func refund(_ key: String, policy: RateLimitPolicy) async throws {
        do {
            try await primary.refund(key, policy: policy)
        } catch {
            await fallback.refund(key, policy: policy)
        }
    }

    public func hit(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        do {
            let decision = try await primary.hit(key, policy: policy)
            if inOutage.withLock({ state in defer { state = false }; return state }) {
                logger.notice("shared rate limiter is back; limits are shared again")
            }
            return decision
        } catch {
            if !inOutage.withLock({ state in defer { state = true }; return state }) {
                logger.warning(
                    "shared rate limiter unavailable; counting in this instance only until it returns",
                    metadata: ["error": "\(error)"])
            }
            return await fallback.hit(key, policy: policy)
        }
    }
}
