import AuthCacheRedis
import AuthCore
import AuthGeoIP
import AuthHTTP
import AuthMailSMTP
import Foundation
import Logging
import ServiceLifecycle

/// The one place where concrete adapters are chosen from configuration (docs/architecture.md: only
/// `authd` knows them). Unset backends fall back to the embedded default, and each fallback is
/// listed in ``developmentDefaults`` for the start-up warning.
struct Adapters {
    /// The ports for ``AuthService``.
    var dependencies: AuthDependencies
    /// The rate limiter (Redis behind an in-process fallback, or in-process).
    var rateLimiter: any RateLimiter
    /// Where pending OAuth sign-ins live (Redis when configured, so every instance sees them).
    var oauthStates: any EphemeralStateStore
    /// Webhook endpoints and deliveries: in the store backend with a database, else in memory.
    var webhooks: any WebhookStore
    /// Session locations, when `GEOIP_DB` is set.
    var geoLocator: (any GeoLocator)?
    /// What `/readyz` checks: one probe per configured server (none for the embedded default).
    var readiness: [any ReadinessProbe]
    /// Long-running services beside the HTTP server: first the connections (the store backend's
    /// pool, the Redis client), which the group stops last, so they drain after every job that
    /// uses them; then the jobs (purge, mail and webhook delivery).
    var services: [any Service]
    /// When those jobs must have finished after SIGTERM; the server adds it as the group's last
    /// service, so it learns of the signal first.
    var shutdownDeadline: ShutdownDeadline
    /// What is running on development defaults, for the start-up warning (empty in production).
    var developmentDefaults: [String]

    /// The clock every adapter shares.
    var clock: any WallClock
    /// Stored authenticators (the oldest and the newest), to prove the encryption key opens them.
    var sampleAuthenticators: @Sendable () async throws -> [TOTPAuthenticator] = { [] }

    /// Refuses to start when stored authenticator secrets do not open with `key`.
    /// - Throws: ``ConfigurationError`` naming `ENCRYPTION_KEY`.
    func checkEncryptionKey(_ key: [UInt8]) async throws {
        try EncryptionKeyCheck.verify(key, opens: try await Self.backend("DATABASE_URL") { try await sampleAuthenticators() })
    }

    /// Chooses adapters for `config`.
    /// - Throws: ``ConfigurationError`` when a configured backend cannot be set up.
    static func make(for config: ServerConfiguration, logger: Logger) async throws -> Adapters {
        let clock = SystemClock()
        var defaults: [String] = []
        var services: [any Service] = []
        var readiness: [any ReadinessProbe] = []
        var connections: [any Service] = []
        let shutdownDeadline = ShutdownDeadline(grace: config.shutdownGrace)

        var deps = AuthDependencies.inMemory(clock: clock)
        var samples: @Sendable () async throws -> [TOTPAuthenticator] = { [] }
        var outbox: any MailOutbox = InMemoryMailOutbox(clock: clock)
        var webhooks: any WebhookStore = InMemoryWebhookStore(clock: clock)
        var backendName: String?
        if let url = config.databaseURL {
            let store = try await backend("DATABASE_URL") { try await StoreBackends.connect(url, settings: config.databasePool) }
            // Refuse a database without this build's schema (or with a newer one) before serving it.
            let schema = try await backend("DATABASE_URL") { try await store.schemaCheck(allowNewer: config.allowNewerSchema) }
            if let refusal = schema.refusal {
                store.shutdown()
                throw ConfigurationError(refusal)
            }
            deps = store.dependencies(replacingStoresOf: deps)
            outbox = store.mailOutbox(sealer: try MailSealer(secret: config.outboxSecret), clock: clock)
            webhooks = try await backend("ENCRYPTION_KEY") {
                try store.webhookStore(encryptionKey: config.atRestKey ?? [], clock: clock)
            }
            readiness.append(store.readiness)
            connections.append(store.service)
            samples = { try await store.sampleAuthenticators() }
            backendName = store.name
        } else {
            defaults.append("users, sessions and codes live in memory and are lost when the process stops")
        }

        var rateLimiter: any RateLimiter = InMemoryRateLimiter(clock: clock)
        var states: any EphemeralStateStore = InMemoryEphemeralStateStore(clock: clock)
        if let url = config.redisURL {
            let client = try await backend("REDIS_URL") { try RedisClient(url: url.absoluteString, logger: Logger(label: "auth.redis")) }
            deps.cache = RedisSessionCache(client: client, maximumTTL: config.authConfiguration.sessionCacheTTL)
            // A Redis outage must never switch limiting off: count per process until it is back.
            rateLimiter = FallbackRateLimiter(
                primary: RedisRateLimiter(client: client), clock: clock, logger: Logger(label: "auth.ratelimit"))
            states = RedisEphemeralStateStore(client: client)
            readiness.append(client)
            connections.append(client)
        } else if let backendName {
            // Several instances may share the database: a per-process cache would let a session
            // revoked through one instance live on in another's cache. Read through instead.
            deps.cache = InMemorySessionCache(clock: clock, maximumTTL: .zero)
            defaults.append("rate limits are per process and every request reads its session from \(backendName) (set REDIS_URL to share limits and cache sessions)")
        } else {
            defaults.append("rate limits and the session cache are per process (set REDIS_URL to share them)")
        }

        if let url = config.smtpURL {
            let from = config.mailFrom?.value ?? "no-reply@localhost"
            let transport = try await backend("SMTP_URL") {
                try SMTPTransport(configuration: SMTPConfiguration(url: url.absoluteString, from: from), clock: clock)
            }
            deps.mailer = OutboxMailer(outbox: outbox)
            deps.outbox = outbox  // the dashboard shows its state
            services.append(OutboxWorkerService(
                worker: OutboxWorker(
                    outbox: outbox, transport: transport, configuration: .init(), clock: clock,
                    logger: Logger(label: "auth.mail.outbox")),
                deadline: shutdownDeadline))
        } else {
            deps.mailer = LogMailer(logger: Logger(label: "auth.mail"))
            defaults.append("mail is NOT sent: every mail, with its one-time code, is written to this log")
        }

        deps.webhooks = webhooks
        services.append(WebhookWorkerService(worker: WebhookWorker(
            store: webhooks, transport: CheckedWebhookTransport(policy: config.webhookPolicy),
            configuration: config.webhookWorkerConfiguration, clock: clock, logger: Logger(label: "auth.webhooks"))))

        // Ended sessions and expired codes are dropped in every configuration, in memory too.
        services.append(PurgeJobService(job: PurgeJob(
            sessions: deps.sessions, codes: deps.verifications, secondFactors: deps.secondFactors, clock: clock)))

        var geo: (any GeoLocator)?
        if let path = config.geoIPDatabase {
            geo = try await backend("GEOIP_DB") { try MaxMindGeoLocator(path: path, logger: Logger(label: "auth.geoip")) }
        }

        // Passkey challenges live beside the OAuth states: in Redis when configured, so options
        // issued by one instance can be answered on another.
        deps.ephemeralStates = states
        // One limiter for AuthCore's abuse limits and the HTTP route limits.
        deps.rateLimiter = rateLimiter
        return Adapters(
            dependencies: deps, rateLimiter: rateLimiter, oauthStates: states, webhooks: webhooks, geoLocator: geo, readiness: readiness,
            services: connections + services, shutdownDeadline: shutdownDeadline, developmentDefaults: defaults, clock: clock, sampleAuthenticators: samples)
    }

    /// Applies the database schema (`authd migrate`).
    /// - Returns: a line saying what was done.
    static func migrate(databaseURL: DatabaseURL?, logger: Logger) async throws -> String {
        guard let url = databaseURL else {
            return "No DATABASE_URL set: the in-memory stores need no migration; nothing to do."
        }
        let store = try await backend("DATABASE_URL") { try await StoreBackends.connect(url, label: logger.label) }
        defer { store.shutdown() }
        let applied = try await backend("DATABASE_URL") { try await store.migrate() }
        return applied.isEmpty
            ? "The schema is up to date; nothing to do."
            : "Applied migration(s) \(applied.map(String.init).joined(separator: ", "))."
    }

    /// The applied and pending migrations (`authd migrate --status`).
    static func schemaReport(databaseURL: DatabaseURL?, logger: Logger) async throws -> String {
        guard let url = databaseURL else { return "No DATABASE_URL set: the in-memory stores have no schema." }
        let store = try await backend("DATABASE_URL") { try await StoreBackends.connect(url, label: logger.label) }
        defer { store.shutdown() }
        return try await backend("DATABASE_URL") { try await store.schemaReport() }
    }

    /// Runs `body`, turning an `AuthError` into one clear configuration line naming `setting`.
    static func backend<T>(_ setting: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AuthError {
            let detail = error.publicDetail ?? error.code.rawValue
            throw ConfigurationError(detail.hasPrefix(setting) ? detail : "\(setting): \(detail)")
        }
    }
}

/// Runs the mail outbox worker as a lifecycle service. On graceful shutdown it claims nothing
/// more; deliveries under way may finish until SIGTERM + `SHUTDOWN_GRACE`, then are cut and their
/// mail made due again at once (docs/mail.md, "Stopping").
struct OutboxWorkerService: Service {
    let worker: OutboxWorker
    let deadline: ShutdownDeadline
    func run() async throws {
        await worker.run(until: { [deadline] in
            // Throws when the service is cancelled outright: then stop at once.
            do { try await gracefulShutdown() } catch { return .now }
            return deadline.deadline
        })
    }
}

/// Runs the webhook worker as a lifecycle service: it stops on graceful shutdown; a delivery cut
/// short is attempted again when its lease ends, by this instance after a restart or another
/// (docs/webhooks.md, "Delivery").
struct WebhookWorkerService: Service {
    let worker: WebhookWorker
    func run() async throws {
        await cancelWhenGracefulShutdown { await worker.run() }
    }
}

/// Runs the purge job as a lifecycle service: it stops on graceful shutdown.
struct PurgeJobService: Service {
    let job: PurgeJob
    func run() async throws {
        await cancelWhenGracefulShutdown { await job.run() }
    }
}
