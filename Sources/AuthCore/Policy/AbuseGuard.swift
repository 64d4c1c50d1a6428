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

    /// Refuses a password attempt on `email` from `client` while its failure budget is spent.
    func checkPassword(for email: EmailAddress, from client: ClientContext) async throws {
        try await check("pwd:\(email.value):\(Self.network(client))", limits.passwordFailuresPerAccountAndNetwork)
        if try await !isKnownNetwork(of: email, client) {
            try await check("pwd:\(email.value)", limits.passwordFailuresPerAccountFromNewNetworks)
        }
    }

    /// Counts a wrong password for `email` from `client`.
    func recordPasswordFailure(for email: EmailAddress, from client: ClientContext) async throws {
        _ = try await limiter.hit("pwd:\(email.value):\(Self.network(client))", policy: limits.passwordFailuresPerAccountAndNetwork)
        if try await !isKnownNetwork(of: email, client) {
            _ = try await limiter.hit("pwd:\(email.value)", policy: limits.passwordFailuresPerAccountFromNewNetworks)
        }
    }

    /// Remembers `client`'s network as one that signed in to `email`'s account.
    func recordSignIn(for email: EmailAddress, from client: ClientContext) async throws {
        _ = try await limiter.hit(knownKey(email, client), policy: knownPolicy)
    }

    /// Refuses a second-factor answer while the account's failure budget is spent.
    func checkSecondFactor(for userID: UserID) async throws {
        try await check("2fa:\(userID)", limits.secondFactorFailuresPerAccount)
    }

    /// Counts a wrong second-factor answer for the account.
    func recordSecondFactorFailure(for userID: UserID) async throws {
        _ = try await limiter.hit("2fa:\(userID)", policy: limits.secondFactorFailuresPerAccount)
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
        guard decision.allowed else { throw AuthError.rateLimited(retryAfter: .seconds(decision.resetAfterSeconds)) }
    }

    private func check(_ key: String, _ policy: RateLimitPolicy) async throws {
        let decision = try await limiter.peek(key, policy: policy)
        guard decision.allowed else { throw AuthError.rateLimited(retryAfter: .seconds(decision.resetAfterSeconds)) }
    }
}
