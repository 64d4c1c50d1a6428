/// The abuse limits AuthCore applies in its flows (docs/api.md, "Rate limits"), so a service that calls
/// `auth.signIn` in-process is protected exactly like authd. Each is a fixed window over the
/// ``RateLimiter`` port; refusals are `AuthError.rateLimited(retryAfter:)`.
public struct AbuseLimits: Sendable, Hashable {
    /// Mails carrying a code (sign-up, resend, reset, the MFA code of any sign-in), per address and
    /// requesting network (IPv4 address, IPv6 /64): default 5 per 10 minutes.
    public var mailsPerAddressAndNetwork = RateLimitPolicy(limit: 5, window: .seconds(600))
    /// The same mails per address, counted together for every network that has not signed in to
    /// the account within ``knownNetworkMemory``: default 5 per 10 minutes. Someone requesting
    /// codes from many networks is stopped here, while the owner, from a network that signed in
    /// before, still gets their own budget (so flooding cannot keep the owner from a reset).
    public var mailsPerAddress = RateLimitPolicy(limit: 5, window: .seconds(600))
    /// Wrong second-factor answers per account, across challenges: default 10 per hour.
    public var secondFactorFailuresPerAccount = RateLimitPolicy(limit: 10, window: .seconds(3600))
    /// Wrong passwords per account and network: default 5 per 15 minutes.
    public var passwordFailuresPerAccountAndNetwork = RateLimitPolicy(limit: 5, window: .seconds(900))
    /// Wrong passwords per account from networks that have not signed in to it successfully within
    /// ``knownNetworkMemory``: default 20 per 15 minutes. Spraying from many networks stops here,
    /// while the owner, from a network that signed in before, is not locked out.
    public var passwordFailuresPerAccountFromNewNetworks = RateLimitPolicy(limit: 20, window: .seconds(900))
    /// Refreshes per session: default 60 per minute, far above a client that refreshes once per
    /// access-token life, so only a storm (a stolen token in a loop) is stopped.
    public var refreshesPerSession = RateLimitPolicy(limit: 60, window: .seconds(60))
    /// Refreshes per network (IPv4 address, IPv6 /64), for every session together: default 600
    /// per minute.
    public var refreshesPerNetwork = RateLimitPolicy(limit: 600, window: .seconds(60))
    /// How long a network that signed in successfully is remembered as the owner's: default 30 days.
    public var knownNetworkMemory: Duration = .seconds(30 * 86_400)

    /// Creates the default limits.
    public init() {}
}
