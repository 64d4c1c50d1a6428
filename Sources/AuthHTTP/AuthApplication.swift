import AuthCore
import Hummingbird
import Logging
import NIOCore

/// The HTTP face of an ``AuthService``: the old service's API under `/api/v1/auth`, health
/// endpoints and the OpenAPI document, on Hummingbird 2.
///
/// ```swift
/// let app = AuthApplication(auth: service, rateLimiter: limiter, settings: .init())
/// try await app.makeApplication(host: "127.0.0.1", port: 8080).runService()
/// ```
public struct AuthApplication: Sendable {
    /// Knobs of the HTTP layer.
    public struct Settings: Sendable {
        /// The per-IP limit on sensitive routes (default 10 per 60 s).
        public var rateLimit: RateLimitPolicy = .default
        /// The per-address limit on routes that send mail (default 5 per 10 minutes).
        public var emailRateLimit = RateLimitPolicy(limit: 5, window: .seconds(600))
        /// Proxies whose `X-Forwarded-For` is believed (default none).
        public var trustedProxies: [IPNetwork] = []
        /// The largest request body accepted (default 64 KiB).
        public var maximumBodyBytes = BodyLimitMiddleware.defaultLimit
        /// Where session locations come from (default none: empty locations).
        public var geoLocator: (any GeoLocator)?
        /// Creates the default settings.
        public init() {}
    }

    public let auth: AuthService
    public let settings: Settings
    let limiter: FallbackRateLimiter
    let logger: Logger

    /// Creates the application.
    /// - Parameters:
    ///   - auth: the service whose flows the routes call.
    ///   - rateLimiter: the shared limiter; wrapped so that its failures never turn limiting off.
    ///   - settings: HTTP-layer knobs.
    ///   - logger: the base logger; each request adds its `request_id`.
    public init(
        auth: AuthService, rateLimiter: any RateLimiter, settings: Settings = .init(),
        logger: Logger = Logger(label: "authd.http")
    ) {
        self.auth = auth
        self.settings = settings
        self.limiter = FallbackRateLimiter(primary: rateLimiter, clock: auth.dependencies.clock, logger: logger)
        self.logger = logger
    }

    /// Builds the router with every route and middleware.
    public func buildRouter() -> Router<AuthRequestContext> {
        let router = Router(context: AuthRequestContext.self)
        router.add(middleware: ClientMetadataMiddleware(resolver: ClientIPResolver(trustedProxies: settings.trustedProxies)))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: settings.maximumBodyBytes))
        HealthRoutes(dependencies: auth.dependencies).register(on: router)
        let limits = RateLimitGuard(limiter: limiter, perIP: settings.rateLimit, perEmail: settings.emailRateLimit)
        AuthRoutes(auth: auth, limits: limits, geo: settings.geoLocator).register(on: router.group("api/v1/auth"))
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
