import Crypto
import Foundation
import Logging

/// The use cases of the service, callable in-process with no HTTP in between.
///
/// Each property is one flow; call it like a function:
/// ```swift
/// let challenge = try await auth.signUp(email: "a@example.com", password: "…", client: client)
/// ```
public struct AuthService: Sendable {
    public let signUp: SignUpFlow
    public let verifyEmail: VerifyEmailFlow
    public let resendVerification: ResendVerificationFlow
    public let signIn: SignInFlow
    public let completeMFASignIn: MFASignInFlow
    public let authenticate: TokenAuthenticator
    /// Trades a refresh token for the next access and refresh tokens.
    public let refresh: TokenRefreshFlow
    public let reauthenticate: ReauthenticationFlow
    public let listSessions: SessionListing
    public let logout: LogoutFlow
    public let setMFA: MFASettingsFlow
    /// Authenticator apps: start, confirm, remove.
    public let totp: TOTPEnrolmentFlow
    /// Replaces the recovery codes.
    public let recoveryCodes: RecoveryCodesFlow
    /// The user's second factors (`GET /mfa`).
    public let secondFactorStatus: SecondFactorOverview
    public let passwordReset: PasswordResetFlow
    /// Changes the password with the current one.
    public let changePassword: PasswordChangeFlow
    /// Moves the account to a new address, proven by a mailed code.
    public let emailChange: EmailChangeFlow
    /// Deletes the account and everything tied to it.
    public let deleteAccount: AccountDeletionFlow
    /// Adds passkeys to the signed-in account.
    public let passkeyRegistration: PasskeyRegistrationFlow
    /// Lists, renames and removes the signed-in user's passkeys.
    public let passkeys: PasskeyManagementFlow
    /// Sign-in with a passkey, and the options of the passkey second factor and reauthentication.
    public let passkeySignIn: PasskeySignInFlow
    /// The user's own data.
    public let exportAccount: AccountExport
    /// Sign-in by mailed code, without a password.
    public let emailCodeSignIn: EmailCodeSignInFlow
    /// `GET /oauth/accounts`, `DELETE /oauth/accounts/{provider}`.
    public let linkedAccounts: LinkedAccountsFlow
    public let administration: AccountAdministration
    /// The admin API and dashboard: the role check, reads across accounts, audited actions.
    public let admin: AdminConsole
    /// The second-factor methods this service offers (`email` first, then those the host added).
    public let secondFactors: SecondFactorRegistry
    /// The token signer, for hosts that mint sessions through their own flows (OAuth).
    public let tokens: TokenSigner
    /// The asymmetric signing keys (`nil` with HS256): the JWKS and `authd keys`.
    public let signingKeys: SigningKeyRing?
    /// Every asymmetric key ring (session tokens' and ID tokens'), and the JWKS publishing them.
    public let keyRings: SigningKeyRings
    /// authd as an OpenID Provider for the deployer's other apps (docs/oidc.md).
    public let openID: OpenIDProvider
    /// The OpenID clients, and a user's connected apps.
    public let openIDClients: OpenIDClientAdministration
    /// Retries session-cache invalidations that could not be confirmed during their request; run
    /// it as a long-running service beside the purge job (docs/operations.md).
    public let cacheRepair: CacheRepairJob
    /// The ports this service was built from, for AuthCore's own feature builders (OAuth); hosts
    /// keep their own references to what they passed in.
    let dependencies: AuthDependencies
    public let configuration: AuthConfiguration

    /// Builds every flow.
    /// - Parameters:
    ///   - dependencies: the adapters.
    ///   - jwtSecret: the HS256 secret, at least 32 bytes.
    ///   - codeKey: the HMAC key for one-time codes, at least 32 bytes; `nil` (the default)
    ///     derives one from `jwtSecret` with ``CodeHasher/deriveKey(fromSecret:)``, as authd does.
    ///     Never reuse a key verbatim for something else.
    ///   - encryptionKey: the key secrets stored at rest (authenticator secrets) are sealed under,
    ///     at least 32 bytes; `nil` derives one from `jwtSecret`. Losing it makes every stored
    ///     authenticator useless, so keep it with the database's backups.
    ///   - tokenAlgorithm: `HS256` (default, the shared secret) or `ES256` / `EdDSA` with keys in
    ///     `dependencies.signingKeys`, private halves sealed under the encryption key; the first
    ///     keys are made on first use.
    ///   - configuration: policy knobs.
    ///   - hooks: the embedder's hooks (docs/webhooks.md, "Hooks").
    ///   - secondFactors: methods beyond the built-in `totp`, `passkey`, `recovery_code` and `email`, each
    ///     registered once.
    ///   - logger: where warnings go.
    /// - Throws: `AuthError(.invalidRequest)` for a short secret or key, or a method registered twice.
    public init(
        dependencies d: AuthDependencies, jwtSecret: [UInt8], codeKey: [UInt8]? = nil, encryptionKey: [UInt8]? = nil,
        tokenAlgorithm: TokenAlgorithm = .hs256,
        configuration: AuthConfiguration = .init(), hooks: AuthHooks = AuthHooks(),
        secondFactors extraFactors: [any SecondFactor] = [],
        logger: Logger = Logger(label: "auth")
    ) async throws {
        let ring: SigningKeyRing? = tokenAlgorithm == .hs256 ? nil : try await SigningKeyRing(
            store: d.signingKeys, algorithm: tokenAlgorithm, encryptionKey: encryptionKey ?? jwtSecret, clock: d.clock,
            refreshInterval: configuration.signingKeyRefreshInterval)
        let tokens = try await TokenSigner(secret: jwtSecret, ring: ring, clock: d.clock)
        let codeHasher = try CodeHasher(key: codeKey ?? CodeHasher.deriveKey(fromSecret: jwtSecret))
        let hookRunner = HookRunner(hooks: hooks, logger: logger)
        let events = EventPublisher(hooks: hookRunner, webhooks: d.webhooks, logger: logger)
        let audit = Auditor(log: d.audit, clock: d.clock, logger: logger, events: events)
        let pending = PendingInvalidations()
        let invalidator = CacheInvalidator(
            cache: d.cache, pending: pending, patience: configuration.cacheInvalidationPatience, logger: logger)
        self.cacheRepair = CacheRepairJob(
            invalidator: invalidator, sessions: d.sessions, clock: d.clock, entryLifetime: configuration.sessionCacheTTL,
            logger: logger)
        let notices = Notifier(mailer: d.mailer, logger: logger)
        let dummyHash = DummyHash()
        let abuse = AbuseGuard(limiter: d.rateLimiter, limits: configuration.abuse)
        let codes = CodeIssuer(
            verifications: d.verifications, codeHasher: codeHasher, clock: d.clock, random: d.random,
            configuration: configuration)
        let refreshMinter = RefreshTokens(secret: jwtSecret)
        let issuer = SessionIssuer(
            users: d.users, sessions: d.sessions, refreshTokens: d.refreshTokens, refreshMinter: refreshMinter,
            credentials: d.credentials, tokens: tokens, audit: audit,
            hooks: hookRunner, abuse: abuse, clock: d.clock, configuration: configuration)
        let secrets = try TOTPSecrets(encryptionKey: encryptionKey ?? jwtSecret)
        // Under the encryption key, not the code key (derived from the JWT secret): rotating the
        // JWT secret must not silently kill every recovery code.
        let recoveryCodes = try RecoveryCodes(encryptionKey: encryptionKey ?? jwtSecret)
        let challenges = WebAuthnChallenges(
            states: d.ephemeralStates, random: d.random, ttl: configuration.webAuthn.challengeTTL)
        let verifier = WebAuthnVerifier(configuration: configuration.webAuthn)
        let assertions = PasskeyAssertions(store: d.passkeys, verifier: verifier, clock: d.clock)
        let factors = try SecondFactorRegistry([
            TOTPFactor(store: d.secondFactors, secrets: secrets, clock: d.clock, logger: logger),
            PasskeyFactor(store: d.passkeys, challenges: challenges, assertions: assertions, logger: logger),
            RecoveryCodeFactor(store: d.secondFactors, codes: recoveryCodes, clock: d.clock),
            EmailCodeFactor(mailer: d.mailer, codeHasher: codeHasher),
        ] + extraFactors)
        let gate = SecondFactorGate(factors: factors, codes: codes, sessions: issuer, abuse: abuse, audit: audit)
        self.signUp = SignUpFlow(
            users: d.users, hasher: d.hasher, mailer: d.mailer, codes: codes, abuse: abuse, audit: audit, hooks: hookRunner,
            clock: d.clock,
            configuration: configuration)
        self.verifyEmail = VerifyEmailFlow(
            users: d.users, credentials: d.credentials, verifications: d.verifications, codes: codes, sessions: issuer,
            hasher: d.hasher, audit: audit, clock: d.clock, configuration: configuration)
        self.resendVerification = ResendVerificationFlow(users: d.users, mailer: d.mailer, codes: codes, abuse: abuse)
        self.signIn = SignInFlow(
            users: d.users, credentials: d.credentials, verifications: d.verifications, hasher: d.hasher, gate: gate,
            abuse: abuse, audit: audit, clock: d.clock, dummyHash: dummyHash)
        self.completeMFASignIn = MFASignInFlow(
            users: d.users, factors: factors, codes: codes, sessions: issuer, abuse: abuse, audit: audit)
        self.authenticate = TokenAuthenticator(
            tokens: tokens, sessions: d.sessions, users: d.users, cache: d.cache, pending: pending, factors: factors,
            clock: d.clock, configuration: configuration, logger: logger)
        self.refresh = TokenRefreshFlow(
            sessions: d.sessions, refreshTokens: d.refreshTokens, minter: refreshMinter, users: d.users, factors: factors,
            tokens: tokens, hooks: hookRunner, cache: d.cache, invalidator: invalidator, notices: notices, abuse: abuse,
            audit: audit, clock: d.clock, configuration: configuration, logger: logger)
        self.reauthenticate = ReauthenticationFlow(
            credentials: d.credentials, sessions: d.sessions, factors: factors, cache: invalidator, hasher: d.hasher,
            abuse: abuse,
            audit: audit, clock: d.clock, dummyHash: dummyHash)
        self.listSessions = SessionListing(sessions: d.sessions, clock: d.clock)
        self.logout = LogoutFlow(sessions: d.sessions, cache: invalidator, audit: audit, clock: d.clock)
        self.setMFA = MFASettingsFlow(
            users: d.users, factors: factors, cache: invalidator, notices: notices, audit: audit, clock: d.clock,
            configuration: configuration)
        self.totp = TOTPEnrolmentFlow(
            store: d.secondFactors, factors: factors, secrets: secrets, recoveryCodes: recoveryCodes, cache: invalidator, notices: notices,
            abuse: abuse, audit: audit, clock: d.clock, random: d.random, configuration: configuration)
        self.recoveryCodes = RecoveryCodesFlow(
            store: d.secondFactors, factors: factors, recoveryCodes: recoveryCodes, cache: invalidator, notices: notices, audit: audit,
            clock: d.clock, random: d.random, configuration: configuration)
        self.secondFactorStatus = SecondFactorOverview(factors: factors, store: d.secondFactors)
        self.passwordReset = PasswordResetFlow(
            users: d.users, credentials: d.credentials, sessions: d.sessions, verifications: d.verifications,
            cache: invalidator, hasher: d.hasher, mailer: d.mailer, notices: notices, codes: codes, abuse: abuse, audit: audit, clock: d.clock,
            configuration: configuration)
        self.changePassword = PasswordChangeFlow(
            credentials: d.credentials, sessions: d.sessions, verifications: d.verifications, cache: invalidator,
            hasher: d.hasher, notices: notices, abuse: abuse, audit: audit, clock: d.clock, dummyHash: dummyHash,
            configuration: configuration)
        self.emailChange = EmailChangeFlow(
            users: d.users, factors: factors, sessions: d.sessions, verifications: d.verifications, cache: invalidator, mailer: d.mailer, notices: notices,
            codes: codes, abuse: abuse, audit: audit, clock: d.clock, configuration: configuration)
        self.deleteAccount = AccountDeletionFlow(
            sessions: d.sessions, factors: factors, eraser: d.eraser, cache: invalidator, events: events,
            clock: d.clock, configuration: configuration)
        self.exportAccount = AccountExport(
            users: d.users, credentials: d.credentials, sessions: d.sessions, oauthAccounts: d.oauthAccounts,
            secondFactors: secondFactorStatus, audit: d.audit, clock: d.clock)
        self.passkeyRegistration = PasskeyRegistrationFlow(
            store: d.passkeys, secondFactors: d.secondFactors, factors: factors, challenges: challenges, verifier: verifier,
            recoveryCodes: recoveryCodes, cache: invalidator, notices: notices, audit: audit, clock: d.clock,
            random: d.random, configuration: configuration)
        self.passkeys = PasskeyManagementFlow(
            store: d.passkeys, factors: factors, cache: invalidator, notices: notices, audit: audit, clock: d.clock,
            configuration: configuration)
        self.passkeySignIn = PasskeySignInFlow(
            users: d.users, store: d.passkeys, factors: factors, challenges: challenges, assertions: assertions,
            codes: codes, sessions: issuer, audit: audit, codeHasher: codeHasher, configuration: configuration)
        self.emailCodeSignIn = EmailCodeSignInFlow(
            users: d.users, mailer: d.mailer, codes: codes, gate: gate, abuse: abuse, audit: audit)
        self.linkedAccounts = LinkedAccountsFlow(
            accounts: d.oauthAccounts, credentials: d.credentials, factors: factors, notices: notices, audit: audit,
            clock: d.clock, configuration: configuration)
        self.administration = AccountAdministration(
            users: d.users, sessions: d.sessions, cache: invalidator, clock: d.clock)
        self.admin = AdminConsole(
            users: d.users, sessions: d.sessions, roles: d.adminRoles, directory: d.directory,
            oauthAccounts: d.oauthAccounts, secondFactorStore: d.secondFactors, passkeys: d.passkeys, factors: factors,
            outbox: d.outbox, states: d.ephemeralStates,
            resend: resendVerification, cache: invalidator, notices: notices, audit: audit, clock: d.clock,
            configuration: configuration)
        let keyRings = SigningKeyRings(
            store: d.signingKeys, encryptionKey: encryptionKey ?? jwtSecret, clock: d.clock,
            refreshInterval: configuration.signingKeyRefreshInterval, session: ring)
        self.openID = OpenIDProvider(
            clients: d.openIDClients, grants: d.openIDGrants, states: d.ephemeralStates, sessions: d.sessions, users: d.users,
            authenticate: authenticate, logout: logout, tokens: tokens, keyRings: keyRings,
            minter: RefreshTokens(secret: jwtSecret, purpose: RefreshTokens.openIDPurpose), clock: d.clock, random: d.random,
            configuration: configuration, logger: logger)
        self.openIDClients = OpenIDClientAdministration(
            clients: d.openIDClients, grants: d.openIDGrants, random: d.random, clock: d.clock)
        self.keyRings = keyRings
        self.tokens = tokens
        self.signingKeys = ring
        self.secondFactors = factors
        self.dependencies = d
        self.configuration = configuration
    }

    /// Builds every flow from secrets held as `SymmetricKey`s; see
    /// ``init(dependencies:jwtSecret:codeKey:encryptionKey:tokenAlgorithm:configuration:hooks:secondFactors:logger:)``
    /// for what each one is for.
    public init(
        dependencies: AuthDependencies, jwtSecret: SymmetricKey, codeKey: SymmetricKey? = nil,
        encryptionKey: SymmetricKey? = nil, tokenAlgorithm: TokenAlgorithm = .hs256,
        configuration: AuthConfiguration = .init(), hooks: AuthHooks = AuthHooks(),
        secondFactors: [any SecondFactor] = [], logger: Logger = Logger(label: "auth")
    ) async throws {
        try await self.init(
            dependencies: dependencies, jwtSecret: jwtSecret.withUnsafeBytes { Array($0) },
            codeKey: codeKey?.withUnsafeBytes { Array($0) }, encryptionKey: encryptionKey?.withUnsafeBytes { Array($0) },
            tokenAlgorithm: tokenAlgorithm, configuration: configuration, hooks: hooks, secondFactors: secondFactors,
            logger: logger)
    }
}
