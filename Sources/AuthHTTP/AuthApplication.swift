import AuthCore
import Hummingbird
import Logging
import NIOCore

/// The HTTP face of an ``AuthService``, and the one place where the HTTP application is put
/// together: the old service's API under `/api/v1/auth`, health endpoints, the OpenAPI document,
/// and each optional ``AuthFeature`` (OAuth sign-in today; more as they land), on Hummingbird 2.
///
/// It receives ready-made ports and chooses no adapter: the host (authd, a test, an embedding
/// service) decides which limiter, locator and probes to pass.
///
/// ```swift
/// let app = AuthApplication(
///     auth: service, rateLimiter: limiter, readiness: [postgresStores],
///     features: [OAuthFeature(flow: oauth)])
/// try await app.makeApplication(host: "127.0.0.1", port: 8080).runService()
/// ```
public struct AuthApplication: Sendable {
    /// Knobs of the HTTP layer.
    public struct Settings: Sendable {
        /// The per-IP limit on sensitive routes (default 10 per 60 s).
        public var rateLimit: RateLimitPolicy = .default
        /// Proxies whose `X-Forwarded-For` is believed (default none).
        public var trustedProxies: [IPNetwork] = []
        /// The largest request body accepted (default 64 KiB).
        public var maximumBodyBytes = BodyLimitMiddleware.defaultLimit
        /// The services allowed to call `POST /introspect` (default none: every call is refused).
        public var introspectionClients: [IntrospectionClient] = []
        /// Creates the default settings.
        public init() {}
    }

    public let auth: AuthService
    public let settings: Settings
    let support: RouteSupport
    let readiness: [any ReadinessProbe]
    let features: [any AuthFeature]
    let logger: Logger

    /// Creates the application.
    /// - Parameters:
    ///   - auth: the service whose flows the routes call.
    ///   - rateLimiter: the limiter the routes count against, as the host chose it (authd wraps
    ///     its shared Redis limiter in a ``FallbackRateLimiter``).
    ///   - geoLocator: where session locations come from (`nil`: empty locations).
    ///   - readiness: what `/readyz` checks, one real round trip each (none: always ready).
    ///   - features: optional route families registered beside the seed's API.
    ///   - settings: HTTP-layer knobs.
    ///   - logger: the base logger; each request adds its `request_id`.
    public init(
        auth: AuthService, rateLimiter: any RateLimiter, geoLocator: (any GeoLocator)? = nil,
        readiness: [any ReadinessProbe] = [], features: [any AuthFeature] = [], settings: Settings = .init(),
        logger: Logger = Logger(label: "authd.http")
    ) {
        self.auth = auth
        self.settings = settings
        self.support = RouteSupport(
            limits: RateLimitGuard(limiter: rateLimiter, perIP: settings.rateLimit),
            authenticate: auth.authenticate, geoLocator: geoLocator)
        self.readiness = readiness
        self.features = features
        self.logger = logger
    }

    /// Builds the router with every route, feature and middleware.
    public func buildRouter() -> Router<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        router.add(middleware: ClientMetadataMiddleware(resolver: ClientIPResolver(trustedProxies: settings.trustedProxies)))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: settings.maximumBodyBytes))
        HealthRoutes(probes: readiness).register(on: router)
        let api = router.group("api/v1/auth").add(middleware: NoStoreMiddleware())
        AuthRoutes(auth: auth, support: support).register(on: api)
        TokenRoutes(auth: auth, clients: settings.introspectionClients).register(on: router, group: api)
        for feature in features { feature.register(on: router, support: support) }
        return router
    }

    /// A Hummingbird application serving ``buildRouter()`` on `host:port`. `runService()` on it
    /// serves until SIGTERM or SIGINT, then lets in-flight requests finish.
    /// - Parameter onServerRunning: called with the listening channel (its `localAddress` tells the
    ///   real port when `port` is 0).
    public func makeApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "authd"),
            onServerRunning: onServerRunning,
            logger: logger)
    }
}
