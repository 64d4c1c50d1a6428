import AuthCore
import AuthTesting
import Foundation
import Logging
import Synchronization
import Testing

/// ``FallbackRateLimiter``: the primary decides while it answers; an outage falls back to counting
/// in this instance, and recovery goes back to the primary without a restart.
@Suite struct FallbackRateLimiterTests {
    /// A limiter that fails while `down` is set, else delegates.
    final class FlakyLimiter: RateLimiter {
        let inner: InMemoryRateLimiter
        let down = Mutex(false)
        init(clock: ManualClock) { inner = InMemoryRateLimiter(clock: clock) }
        func hit(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
            if down.withLock({ $0 }) { throw AuthError(.unavailable) }
            return await inner.hit(key, policy: policy)
        }
        func peek(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
            if down.withLock({ $0 }) { throw AuthError(.unavailable) }
            return await inner.peek(key, policy: policy)
        }
        func refund(_ key: String, policy: RateLimitPolicy) async throws {
            if down.withLock({ $0 }) { throw AuthError(.unavailable) }
            await inner.refund(key, policy: policy)
        }
    }

    @Test func outageFallsBackAndRecoveryReturnsToThePrimary() async throws {
        let clock = ManualClock()
        let primary = FlakyLimiter(clock: clock)
        let limiter = FallbackRateLimiter(primary: primary, clock: clock, logger: Logger(label: "test"))
        let policy = RateLimitPolicy(limit: 2, window: .seconds(60))
        #expect(try await limiter.hit("ip", policy: policy).remaining == 1)

        primary.down.withLock { $0 = true }
        // The fallback counts on its own: limiting stays on during the outage.
        #expect(try await limiter.hit("ip", policy: policy).allowed)
        #expect(try await limiter.hit("ip", policy: policy).allowed)
        #expect(try await limiter.hit("ip", policy: policy).allowed == false)

        primary.down.withLock { $0 = false }
        // Back on the primary, whose window saw one hit before the outage.
        let decision = try await limiter.hit("ip", policy: policy)
        #expect(decision.allowed && decision.remaining == 0)
    }
}
