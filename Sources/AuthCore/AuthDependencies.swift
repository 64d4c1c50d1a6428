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
    /// Deletes accounts with everything tied to them; replace it together with the stores (it
    /// erases what ``userDataStores`` hold).
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
    /// The apps that sign in through authd with OpenID Connect (docs/oidc.md).
    public var openIDClients: any OpenIDClientStore
    /// What those apps were granted, and the consents users gave them.
    public var openIDGrants: any OpenIDGrantStore
    /// What the abuse limits count with; share one (Redis) across instances.
    public var rateLimiter: any RateLimiter
    public var clock: any WallClock
    public var random: any RandomSource

    /// Creates a set of dependencies from ports the host chose; nothing is filled in behind its
    /// back. ``inMemory(mailer:hasher:clock:random:)`` builds the in-memory set.
    /// - Parameters:
    ///   - eraser: deletes accounts; build it over the same stores (``StoreByStoreAccountEraser``
    ///     over ``userDataStores``, or one transaction of the stores' backend).
    ///   - directory: admin reads across accounts, over the same stores.
    ///   - outbox: the mail outbox, when mail goes through one (`nil`: none).
    ///   - webhooks: webhook endpoints and deliveries (`nil`: no webhooks).
    ///   - clock: the time source shared by every adapter.
    ///   - random: the randomness source.
    public init(
        users: any UserStore, credentials: any CredentialStore, sessions: any SessionStore,
        refreshTokens: any RefreshTokenStore, verifications: any VerificationStore,
        oauthAccounts: any OAuthAccountStore, secondFactors: any SecondFactorStore, passkeys: any PasskeyStore,
        ephemeralStates: any EphemeralStateStore, eraser: any AccountEraser, signingKeys: any SigningKeyStore,
        cache: any SessionCache, mailer: any Mailer, hasher: any PasswordHasher, audit: any AuditLog,
        adminRoles: any AdminRoleStore, directory: any AdminDirectory, outbox: (any MailOutbox)?,
        webhooks: (any WebhookStore)?, openIDClients: any OpenIDClientStore, openIDGrants: any OpenIDGrantStore,
        rateLimiter: any RateLimiter,
        clock: any WallClock = SystemClock(), random: any RandomSource = SystemRandomSource()
    ) {
        self.users = users
        self.credentials = credentials
        self.sessions = sessions
        self.refreshTokens = refreshTokens
        self.verifications = verifications
        self.oauthAccounts = oauthAccounts
        self.secondFactors = secondFactors
        self.passkeys = passkeys
        self.ephemeralStates = ephemeralStates
        self.eraser = eraser
        self.signingKeys = signingKeys
        self.cache = cache
        self.mailer = mailer
        self.hasher = hasher
        self.audit = audit
        self.adminRoles = adminRoles
        self.directory = directory
        self.outbox = outbox
        self.webhooks = webhooks
        self.openIDClients = openIDClients
        self.openIDGrants = openIDGrants
        self.rateLimiter = rateLimiter
        self.clock = clock
        self.random = random
    }
}
