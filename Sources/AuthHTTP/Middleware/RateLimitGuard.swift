import AuthCore

/// The rate limits of the API: per client IP on each sensitive route, and per email address on
/// every route that sends mail.
public struct RateLimitGuard: Sendable {
    let limiter: any RateLimiter
    let perIP: RateLimitPolicy
    let perEmail: RateLimitPolicy

    /// Creates the guard.
    /// - Parameters:
    ///   - limiter: the counter, normally wrapped in ``FallbackRateLimiter``.
    ///   - perIP: the per-IP policy (default 10 per 60 s).
    ///   - perEmail: the per-address policy for mail-sending routes (default 5 per 10 minutes).
    public init(limiter: any RateLimiter, perIP: RateLimitPolicy, perEmail: RateLimitPolicy) {
        self.limiter = limiter
        self.perIP = perIP
        self.perEmail = perEmail
    }

    /// Counts one hit of `ip` on `scope`.
    /// - Throws: ``RateLimitExceeded`` when refused.
    func checkIP(_ ip: IPAddress?, scope: String) async throws -> RateLimitDecision {
        try await check("ip:\(scope):\(ip?.description ?? "")", policy: perIP)
    }

    /// Counts one mail-sending request for `rawEmail` (shared by every route that mails, so
    /// rotating routes does not help). Unparseable addresses are left to the flow to refuse.
    /// - Throws: ``RateLimitExceeded`` when refused.
    func checkEmail(_ rawEmail: String) async throws {
        guard let email = try? EmailAddress(rawEmail) else { return }
        _ = try await check("email:\(email.value)", policy: perEmail)
    }

    private func check(_ key: String, policy: RateLimitPolicy) async throws -> RateLimitDecision {
        let decision = try await limiter.hit(key, policy: policy)
        guard decision.allowed else { throw RateLimitExceeded(decision: decision) }
        return decision
    }
}
