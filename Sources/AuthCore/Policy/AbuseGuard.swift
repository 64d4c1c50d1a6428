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

    private func charge(_ charges: [(key: String, policy: RateLimitPolicy)]) async throws -> Attempt {
        for (key, policy) in charges {
            let decision = try await limiter.hit(key, policy: policy)
            guard decision.allowed else {
                AuthMetrics.rateLimited(limit: key)
                throw AuthError.rateLimited(retryAfter: .seconds(decision.resetAfterSeconds))
            }
        }
        return Attempt(charged: charges)
    }

    /// Remembers `client`'s network as one that signed in to `email`'s account.
    func recordSignIn(for email: EmailAddress, from client: ClientContext) async throws {
        _ = try await limiter.hit(knownKey(email, client), policy: knownPolicy)
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
