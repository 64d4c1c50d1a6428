import AuthCore
import Foundation
import Logging

/// Every PostgreSQL adapter over one connection pool: what `authd` wires in when `DATABASE_URL`
/// is set.
///
/// ```swift
/// let stores = try await PostgresStores.connect(url: databaseURL, poolSize: 10, logger: logger)
/// try await stores.migrate()              // `authd migrate`, or at start-up
/// // pass stores.users, stores.sessions, … to AuthCore; run stores.purgeJob() as a service;
/// // pass stores as a ReadinessProbe for /readyz; call stores.shutdown() on exit.
/// ```
public struct PostgresStores: Sendable {
    /// The shared connection pool.
    public let pool: PostgresConnectionPool
    /// User profiles.
    public let users: PostgresUserStore
    /// Password hashes.
    public let credentials: PostgresCredentialStore
    /// Sessions.
    public let sessions: PostgresSessionStore
    /// Refresh-token rotation state.
    public let refreshTokens: PostgresRefreshTokenStore
    /// One-time codes.
    public let verifications: PostgresVerificationStore
    /// OAuth provider links.
    public let oauthAccounts: PostgresOAuthAccountStore
    /// Authenticator apps and recovery codes.
    public let secondFactors: PostgresSecondFactorStore
    /// Passkeys and user handles.
    public let passkeys: PostgresPasskeyStore
    /// Token-signing keys.
    public let signingKeys: PostgresSigningKeyStore
    /// Security events.
    public let auditLog: PostgresAuditLog
    /// The stored admin role.
    public let adminRoles: PostgresAdminRoleStore
    /// Admin reads across accounts.
    public let directory: PostgresAdminDirectory
    /// The registered OpenID clients.
    public let openIDClients: PostgresOpenIDClientStore
    /// OpenID clients' grants and users' consents.
    public let openIDGrants: PostgresOpenIDGrantStore
    private let logger: Logger

    /// Wraps `pool`; nothing connects until first use.
    public init(pool: PostgresConnectionPool, logger: Logger = Logger(label: "auth.postgres")) {
        self.pool = pool
        self.logger = logger
        users = PostgresUserStore(pool: pool)
        credentials = PostgresCredentialStore(pool: pool)
        sessions = PostgresSessionStore(pool: pool)
        refreshTokens = PostgresRefreshTokenStore(pool: pool)
        verifications = PostgresVerificationStore(pool: pool)
        oauthAccounts = PostgresOAuthAccountStore(pool: pool)
        secondFactors = PostgresSecondFactorStore(pool: pool)
        signingKeys = PostgresSigningKeyStore(pool: pool)
        passkeys = PostgresPasskeyStore(pool: pool)
        auditLog = PostgresAuditLog(pool: pool)
        adminRoles = PostgresAdminRoleStore(pool: pool)
        directory = PostgresAdminDirectory(pool: pool)
        openIDClients = PostgresOpenIDClientStore(pool: pool)
        openIDGrants = PostgresOpenIDGrantStore(pool: pool)
    }

    /// Creates the pool for `url` and checks that the database answers.
    ///
    /// - Parameters:
    ///   - url: a `postgres://` URL (or `key=value` string); every libpq parameter is honoured, so
    ///     `?sslmode=verify-full&sslrootcert=system` and a managed service such as Neon work by URL.
    ///   - poolSize: the most connections open at once.
    ///   - logger: where connection problems and migrations are logged (never with SQL values).
    /// - Throws: `AuthError(.unavailable)` when the database cannot be reached; the pool is then
    ///   shut down.
    /// - Important: the URL may carry a password: never log it.
    public static func connect(url: String, poolSize: Int = 10, logger: Logger) async throws -> PostgresStores {
        try await connect(configuration: .init(url: url, maxConnections: poolSize), logger: logger)
    }

    /// Creates the pool from a full configuration (lease timeout, prepared statements, …) and
    /// checks that the database answers.
    /// - Throws: `AuthError(.unavailable)` when the database cannot be reached.
    public static func connect(
        configuration: PostgresConnectionPool.Configuration, logger: Logger
    ) async throws -> PostgresStores {
        let pool = PostgresConnectionPool(configuration: configuration, logger: logger)
        let stores = PostgresStores(pool: pool, logger: logger)
        do {
            try await stores.ping()
        } catch {
            pool.shutdown()
            throw error
        }
        return stores
    }

    /// Applies pending schema migrations (safe to run from several instances at once).
    /// - Returns: the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await PostgresMigrator(pool: pool, logger: logger).migrate()
    }

    /// The schema against this build's migrations.
    /// - Throws: `AuthError(.unavailable)` when the database cannot be reached.
    public func schemaStatus() async throws -> SchemaStatus {
        try await PostgresMigrator(pool: pool, logger: logger).status()
    }

    /// One round trip to the database, for readiness probes.
    /// - Throws: `AuthError(.unavailable)` when the database cannot be reached.
    public func ping() async throws {
        try await pool.query("SELECT 1")
    }

    /// The periodic purge of ended sessions and expired codes; run it as a long-running service.
    public func purgeJob(
        _ configuration: PurgeJob.Configuration = .init(), clock: any WallClock = SystemClock()
    ) -> PurgeJob {
        PurgeJob(sessions: sessions, codes: verifications, configuration: configuration, clock: clock, logger: logger)
    }

    /// Deletes accounts in one transaction, asking every store here that holds data about users
    /// (and the mail outbox's rows, which an earlier run with mail configured may have left).
    public var eraser: PostgresAccountEraser {
        PostgresAccountEraser(
            pool: pool,
            stores: [
                users, credentials, sessions, verifications, oauthAccounts, secondFactors, passkeys, adminRoles,
                openIDGrants, PostgresMailOutboxRows(pool: pool),
            ],
            audit: auditLog)
    }

    /// `base` with every store port replaced by these PostgreSQL adapters (the caches, limiter,
    /// mailer, hasher, clock and randomness stay as they were).
    public func dependencies(replacingStoresOf base: AuthDependencies) -> AuthDependencies {
        var deps = base
        deps.users = users
        deps.credentials = credentials
        deps.sessions = sessions
        deps.refreshTokens = refreshTokens
        deps.verifications = verifications
        deps.oauthAccounts = oauthAccounts
        deps.secondFactors = secondFactors
        deps.eraser = eraser
        deps.signingKeys = signingKeys
        deps.passkeys = passkeys
        deps.audit = auditLog
        deps.adminRoles = adminRoles
        deps.directory = directory
        deps.openIDClients = openIDClients
        deps.openIDGrants = openIDGrants
        return deps
    }

    /// Closes idle connections and refuses new leases (at process exit).
    public func shutdown() {
        pool.shutdown()
    }
}

extension PostgresStores: ReadinessProbe {
    /// `postgresql`.
    public var name: String { "postgresql" }

    /// A round trip through the pool that also reads the schema version: a reachable database
    /// without this build's schema is not ready either (`schema_missing`, `schema_behind`).
    /// A newer schema is served (start-up already refused it unless told otherwise).
    public func check() async throws {
        let status = try await schemaStatus()
        if status.applied.isEmpty { throw ReadinessFailure("schema_missing") }
        if !status.pending.isEmpty { throw ReadinessFailure("schema_behind") }
    }
}
