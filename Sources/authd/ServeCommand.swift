import ArgumentParser
import AuthCore
import AuthHTTP
import AuthWeb
import Foundation
import Logging
import ServiceLifecycle

/// `authd serve`: serves the API until SIGTERM or SIGINT, then finishes in-flight requests and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the HTTP API (the default command).")

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let config = try StartupFailure.guarding { try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment) }
        LogSetup.bootstrap(level: config.logLevel, format: config.logFormat)
        // Before anything makes a metric, so every counter lands in the registry.
        let metricsRegistry = config.metricsPort.map { _ in MetricsListener.bootstrap() }
        let logger = Logger(label: "authd")
        let adapters = try await StartupFailure.guarding { try await Adapters.make(for: config, logger: logger) }
        var developmentDefaults = adapters.developmentDefaults
        let secret: [UInt8]
        if let configured = config.jwtSecret {
            secret = configured
        } else {
            secret = SystemRandomSource().bytes(32)
            developmentDefaults.append("the JWT secret is random for this process: every token dies on restart")
        }
        let encryptionKey = config.encryptionKey ?? secret
        // A changed or lost key must stop the start, not fail every sign-in with an app later.
        try await StartupFailure.guarding { try await adapters.checkEncryptionKey(encryptionKey) }
        let hookFetcher = config.hookSecret == nil ? nil : AsyncHTTPFetcher(configuration: {
            var c = AsyncHTTPFetcher.Configuration()
            c.timeout = config.hookTimeout
            return c
        }())
        let hooks = try await StartupFailure.guarding {
            try await Adapters.backend("HOOK_SECRET") {
                try hookFetcher.map {
                    try HTTPAuthHooks(
                        endpoints: config.hookEndpoints, secret: config.hookSecret ?? "", fetcher: $0,
                        timeout: config.hookTimeout
                    ).applied()
                } ?? AuthHooks()
            }
        }
        let auth = try await StartupFailure.guarding {
            try await Adapters.backend("JWT_ALG") {
                try await AuthService(
                    dependencies: adapters.dependencies, jwtSecret: secret,
                    encryptionKey: encryptionKey, tokenAlgorithm: config.tokenAlgorithm,
                    configuration: config.authConfiguration, hooks: hooks, logger: Logger(label: "auth"))
            }
        }
        // The ID tokens' RS256 keys exist before the first app signs in, so every instance's JWKS
        // (and a relying party's cache of it) already has them (docs/oidc.md).
        _ = try await StartupFailure.guarding {
            try await Adapters.backend("ENCRYPTION_KEY") { try await auth.keyRings.ring(for: .rs256) }
        }
        if config.tokenAlgorithm != .hs256, config.databaseURL == nil {
            developmentDefaults.append("the \(config.tokenAlgorithm.rawValue) signing keys live in memory: every token dies on restart")
        }
        let oauth = try await StartupFailure.guarding {
            try await OAuthWiring.feature(config: config, auth: auth, states: adapters.oauthStates, clock: adapters.clock)
        }
        let fetcher = oauth?.fetcher
        let limit = ConnectionLimit(configured: config.maxConnections, descriptorLimit: ConnectionLimit.currentDescriptorLimit())
        logStartupLimits(limit, config: config, logger: logger)
        let origins = config.webOrigins(port: config.port)
        let webhooks = WebhookAdministration(
            store: adapters.webhooks, policy: config.webhookPolicy, resolver: SystemAddressResolver(), clock: adapters.clock)
        let web = WebFeature(
            auth: auth,
            settings: WebSettings(origins: origins, csrfKey: WebSettings.csrfKey(derivedFrom: secret)),
            oauth: oauth?.flow, webhooks: webhooks, logger: Logger(label: "authd.web"))
        let webhookAdmin = WebhookAdminFeature(admin: auth.admin, webhooks: webhooks)
        let http = AuthApplication(
            auth: auth, rateLimiter: adapters.rateLimiter, geoLocator: adapters.geoLocator, readiness: adapters.readiness,
            features: (oauth.map { [$0.feature] } ?? []) + [web, webhookAdmin], settings: config.httpSettings(maximumConnections: limit.value),
            logger: Logger(label: "authd.http"))
        let app = http.makeApplication(host: config.host, port: config.port) { channel in
            let port = channel.localAddress?.port ?? config.port
            logger.notice("authd listening on http://\(config.host):\(port)")
            let page = config.publicURL == nil ? "http://localhost:\(port)" : origins[0]
            logger.notice("pages: \(page)/ui/ (sign-in, account) and \(page)/admin/ (dashboard)")
        }
        if !developmentDefaults.isEmpty { StartupBanner.warn(developmentDefaults) }
        // On SIGTERM/SIGINT services stop in reverse order: the shutdown deadline first (it notes
        // the signal), then the server (it stops accepting, lets in-flight requests finish for at
        // most SHUTDOWN_GRACE, then closes what is left), so mail those requests queue is still
        // delivered; then the jobs, each after the unit of work under way; last the connections
        // (the store backend's pool, the Redis client), drained once nothing uses them. The mail
        // worker cuts deliveries still running at the deadline (SIGTERM + SHUTDOWN_GRACE). Should
        // a job hang, cancellation follows a little after the grace period.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = adapters.services.map { .init(service: $0) }
        // Only a shared cache (Redis) can refuse an invalidation: the in-process one never does.
        if config.redisURL != nil { services.append(.init(service: CacheRepairService(job: auth.cacheRepair))) }
        if let metricsRegistry, let metricsPort = config.metricsPort {
            services.append(.init(service: MetricsListener.application(
                registry: metricsRegistry, host: config.host, port: metricsPort, logger: Logger(label: "authd.metrics"))))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services + [.init(service: app), .init(service: adapters.shutdownDeadline)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = config.shutdownGrace + .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            try? await fetcher?.shutdown()
            try? await hookFetcher?.shutdown()
            throw error
        }
        try? await fetcher?.shutdown()
        try? await hookFetcher?.shutdown()
        logger.notice("authd stopped")
    }

    /// Logs the connection limit and timeouts in force, and warns when a configured limit leaves
    /// too few descriptors for everything else.
    private func logStartupLimits(_ limit: ConnectionLimit, config: ServerConfiguration, logger: Logger) {
        let descriptors = limit.descriptorLimit.map(String.init) ?? "unlimited"
        if limit.exceedsDescriptors, let fds = limit.descriptorLimit {
            logger.warning(
                "HTTP_MAX_CONNECTIONS leaves too few descriptors for the database, Redis and files: raise the open-file limit (ulimit -n, LimitNOFILE=) or lower HTTP_MAX_CONNECTIONS",
                metadata: ["max_connections": "\(limit.value)", "descriptor_limit": "\(fds)", "reserve": "\(ConnectionLimit.reserve(descriptorLimit: fds))"])
        }
        logger.notice(
            "connection limit",
            metadata: [
                "max_connections": "\(limit.value)", "source": limit.configured ? "HTTP_MAX_CONNECTIONS" : "descriptor limit",
                "per_address": "\(config.maxConnectionsPerAddress ?? AuthApplication.defaultConnectionsPerAddress(ofCap: limit.value))",
                "descriptor_limit": "\(descriptors)",
            ])
        logger.info(
            "timeouts",
            metadata: [
                "read": "\(config.readTimeout)", "idle": "\(config.idleTimeout)", "request": "\(config.requestTimeout)",
                "shutdown_grace": "\(config.shutdownGrace)",
            ])
    }
}
