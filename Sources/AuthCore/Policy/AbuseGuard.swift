/// Applies ``AbuseLimits`` for the flows: counts over the ``RateLimiter`` port with keys for the
/// address, the account, the account and network, and the network (IPv6 per /64).
///
/// Accounts are keyed by their normalised email address, whether or not an account exists, so a
/// limit answers alike for known and unknown addresses and cannot be used to enumerate them.
struct AbuseGuard: Sendable {
    let limiter: any RateLimiter
    let limits: AbuseLimits

    /// Counts one mail carrying a code to `email` requested from `client`.
    /// - Throws: `rate_limited` when the address's budget for that network is spent, or, for a
    ///   network that never signed in to the account, the budget all such networks share.
    func countMail(to email: EmailAddress, from client: ClientContext) async throws {
        try await count("mail:\(email.value):\(Self.network(client))", limits.mailsPerAddressAndNetwork)
        if try await !isKnownNetwork(of: email, client) {
            try await count("mail:\(email.value)", limits.mailsPerAddress)
        }
    }

    /// The counters one attempt was charged to, given back when it succeeds.
    struct Attempt: Sendable {
        fileprivate var charged: [(key: String, policy: RateLimitPolicy)]
    }

    /// Charges one password attempt on `email` from `client` *before* the password is checked, so
    /// that parallel guesses cannot all pass a check made while none was counted yet.
    /// - Throws: `rate_limited` while the account's budget for that network, or (for a network
    ///   that never signed in to it) the account's budget for new networks, is spent.
    func beginPasswordAttempt(for email: EmailAddress, from client: ClientContext) async throws -> Attempt {
        var charges = [("pwd:\(email.value):\(Self.network(client))", limits.passwordFailuresPerAccountAndNetwork)]
        if try await !isKnownNetwork(of: email, client) {
            charges.append(("pwd:\(email.value)", limits.passwordFailuresPerAccountFromNewNetworks))
        }
        return try await charge(charges)
    }

    /// Charges one second-factor answer for the account before it is checked.
    /// - Throws: `rate_limited` while the account's budget is spent.
    func beginSecondFactorAttempt(for userID: UserID) async throws -> Attempt {
        try await charge([("2fa:\(userID)", limits.secondFactorFailuresPerAccount)])
    }

    /// Gives back what a successful attempt was charged: only failures stay counted.
    func succeeded(_ attempt: Attempt) async throws {
        for (key, policy) in attempt.charged { try await limiter.refund(key, policy: policy) }
    }

    /// Runs the check of a charged `attempt` and settles the charge: it stays only when the
    /// check's answer is a wrong secret (`proven` is false for it). An error before the verdict (a
    /// store or the hashing pool unavailable, a cancelled request) gives the charge back, so an
    /// outage, or the owner retrying through one, never spends the owner's budget.
    func settle<Verdict>(
        _ attempt: Attempt, proven: (Verdict) -> Bool, _ check: () async throws -> Verdict
    ) async throws -> Verdict {
        let verdict: Verdict
        do {
            verdict = try await check()
        } catch {
            // The original error is what the caller must see; a failed refund only costs a count.
            try? await succeeded(attempt)
            throw error
        }
        if proven(verdict) { try await succeeded(attempt) }
        return verdict
    }

    /// Charges each counter in turn. A refusal gives back every hit this attempt made, the
    /// refused one included: an attempt stopped by the limit proved nothing, so parallel correct
    /// attempts (an app retrying, several tabs) cannot spend the budget and lock the owner out.
    private func charge(_ charges: [(key: String, policy: RateLimitPolicy)]) async throws -> Attempt {
        for (index, (key, policy)) in charges.enumerated() {
            let decision = try await limiter.hit(key, policy: policy)
            guard decision.allowed else {
                AuthMetrics.rateLimited(limit: key)
                try? await succeeded(Attempt(charged: Array(charges[...index])))
                throw AuthError.rateLimited(retryAfter: .seconds(decision.resetAfterSeconds))
            }
        }
        return Attempt(charged: charges)
    }

    /// Remembers `client`'s network as one that signed in to `email`'s account.
    func recordSignIn(for email: EmailAddress, from client: ClientContext) async throws {
        _ = try await limiter.hit(knownKey(email, client), policy: knownPolicy)
    }

    /// Counts one refresh of `session` from `client`.
    /// - Throws: `rate_limited` while the network's or the session's refresh budget is spent.
    func countRefresh(of session: SessionID, from client: ClientContext) async throws {
        try await count("refresh_net:\(Self.network(client))", limits.refreshesPerNetwork)
        try await count("refresh:\(session)", limits.refreshesPerSession)
    }

    /// The network a client is counted under (its /64 for IPv6); `unknown` without an address.
    static func network(_ client: ClientContext) -> String { client.ip?.limitNetwork ?? "unknown" }

    private var knownPolicy: RateLimitPolicy { RateLimitPolicy(limit: Int.max, window: limits.knownNetworkMemory) }

    private func knownKey(_ email: EmailAddress, _ client: ClientContext) -> String {
        "known:\(email.value):\(Self.network(client))"
    }

    private func isKnownNetwork(of email: EmailAddress, _ client: ClientContext) async throws -> Bool {
        try await limiter.peek(knownKey(email, client), policy: knownPolicy).remaining < Int.max
    }

    private func count(_ key: String, _ policy: RateLimitPolicy) async throws {
        let decision = try await limiter.hit(key, policy: policy)
        guard decision.allowed else {
            AuthMetrics.rateLimited(limit: key)
            throw AuthError.rateLimited(retryAfter: .seconds(decision.resetAfterSeconds))
        }
    }
}
