import AuthCore

/// The per-route limit of the API: per client network (an IPv4 address, or an IPv6 /64) on each
/// sensitive route family, with `RateLimit-*` headers on every answer. The limits that protect an
/// account or an address are AuthCore's (``AbuseLimits``), so embedders get them too.
package struct RateLimitGuard: Sendable {
    let limiter: any RateLimiter
    let perIP: RateLimitPolicy

    /// Creates the guard.
    /// - Parameters:
    ///   - limiter: the counter, normally wrapped in ``FallbackRateLimiter``.
    ///   - perIP: the per-network policy (default 10 per 60 s).
    package init(limiter: any RateLimiter, perIP: RateLimitPolicy) {
        self.limiter = limiter
        self.perIP = perIP
    }

    /// Counts one hit of `ip` on `scope`.
    /// - Throws: ``RateLimitExceeded`` when refused.
    func checkIP(_ ip: IPAddress?, scope: String) async throws -> RateLimitDecision {
        let key = "ip:\(scope):\(ip?.limitNetwork ?? "")"
        let decision = try await limiter.hit(key, policy: perIP)
        guard decision.allowed else {
            AuthMetrics.rateLimited(limit: key)
            throw RateLimitExceeded(decision: decision)
        }
        return decision
    }
}
