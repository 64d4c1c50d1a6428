import Foundation

/// Every port AuthCore needs, chosen by the host (authd's configuration, or an embedding service).
public struct AuthDependencies: Sendable {
    public var users: any UserStore
    public var credentials: any CredentialStore
    public var sessions: any SessionStore
    /// The rotation state of refresh tokens; share one (PostgreSQL) across instances, beside the
    /// sessions it refers to.
    public var refreshTokens: any RefreshTokenStore
    public var verifications: any VerificationStore
    public var oauthAccounts: any OAuthAccountStore
    /// Authenticator apps and recovery codes.
    public var secondFactors: any SecondFactorStore
    /// Registered passkeys and user handles.
    public var passkeys: any PasskeyStore
    /// Short-lived single-use state (passkey ceremony challenges); share one (Redis) across
    /// instances, so options from one instance can be answered on another.
    public var ephemeralStates: any EphemeralStateStore
    /// Deletes accounts with everything tied to them; replace it together with the stores.
    public var eraser: any AccountEraser
    /// Asymmetric token-signing keys (used when the token algorithm is ES256 or EdDSA).
    public var signingKeys: any SigningKeyStore
    public var cache: any SessionCache
    public var mailer: any Mailer
    public var hasher: any PasswordHasher
    public var audit: any AuditLog
    /// The stored admin role.
    public var adminRoles: any AdminRoleStore
    /// Reads across accounts for the admin API and dashboard.
    public var directory: any AdminDirectory
    /// The mail outbox, when mail goes through one: the dashboard shows its state (`nil`: none).
    public var outbox: (any MailOutbox)?
    /// The webhook endpoints and their delivery queue (`nil`: no webhooks).
    public var webhooks: (any WebhookStore)?
    /// What the abuse limits count with; share one (Redis) across instances.
    public var rateLimiter: any RateLimiter
    public var clock: any WallClock
    public var random: any RandomSource

    /// Creates a set of dependencies.
    /// - Parameter rateLimiter: the abuse limits' counter (default: in memory, on `clock`).
    /// - Parameter signingKeys: asymmetric signing keys (default: in memory).
    /// - Parameter adminRoles: the stored admin role (default: in memory).
    /// - Parameter directory: admin reads across accounts (default: over the given stores when
    ///   they are the in-memory ones, else empty: pass the directory of your stores' backend).
    /// - Parameter passkeys: passkeys (default: in memory; give the eraser the same store).
    /// - Parameter ephemeralStates: ceremony challenges (default: in memory, on `clock`).
    /// - Parameter refreshTokens: refresh-token rotation state (default: in memory).
    /// - Parameter webhooks: webhook endpoints and deliveries (default: none).
    public init(
        users: any UserStore, credentials: any CredentialStore, sessions: any SessionStore,
        verifications: any VerificationStore, oauthAccounts: any OAuthAccountStore,
        secondFactors: any SecondFactorStore, eraser: any AccountEraser, cache: any SessionCache,
        mailer: any Mailer, hasher: any PasswordHasher, audit: any AuditLog, rateLimiter: (any RateLimiter)? = nil,
        signingKeys: (any SigningKeyStore)? = nil, passkeys: (any PasskeyStore)? = nil,
        ephemeralStates: (any EphemeralStateStore)? = nil, adminRoles: (any AdminRoleStore)? = nil,
        directory: (any AdminDirectory)? = nil, outbox: (any MailOutbox)? = nil,
        refreshTokens: (any RefreshTokenStore)? = nil, webhooks: (any WebhookStore)? = nil,
        clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()
    ) {
        self.rateLimiter = rateLimiter ?? InMemoryRateLimiter(clock: clock)
        self.users = users
        self.credentials = credentials
        self.sessions = sessions
        self.refreshTokens = refreshTokens ?? InMemoryRefreshTokenStore()
        self.verifications = verifications
        self.oauthAccounts = oauthAccounts
        self.secondFactors = secondFactors
        self.eraser = eraser
        self.signingKeys = signingKeys ?? InMemorySigningKeyStore()
        self.passkeys = passkeys ?? InMemoryPasskeyStore()
        self.ephemeralStates = ephemeralStates ?? InMemoryEphemeralStateStore(clock: clock)
        self.cache = cache
        self.mailer = mailer
        self.hasher = hasher
        self.audit = audit
        self.adminRoles = adminRoles ?? InMemoryAdminRoleStore(users: users)
        self.directory = directory ?? InMemoryAdminDirectory(
            users: users as? InMemoryUserStore, sessions: sessions as? InMemorySessionStore,
            audit: audit as? InMemoryAuditLog)
        self.outbox = outbox
        self.webhooks = webhooks
        self.clock = clock
        self.random = random
    }
}
