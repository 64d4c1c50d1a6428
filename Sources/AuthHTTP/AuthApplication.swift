import AuthCore
import Hummingbird
import HummingbirdCore
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
/// try await app.makeApplication(host: "127.0.0.1", port: 8080).runService()  // drains on SIGTERM
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
        /// How long handlers may work on a request read whole before it is answered 503 and its
        /// connection closed (default 30 s). Kept by the connections of ``makeApplication(host:port:onServerRunning:)``.
        public var requestTimeout: Duration = .seconds(30)
        /// How long a client may take to send a request head, counted from the connection opening
        /// or the request's first bytes, and then its whole body, counted from the head; then it
        /// is answered 408 and the connection closed (default 10 s).
        public var readTimeout: Duration = .seconds(10)
        /// How long a keep-alive connection may sit idle between requests (default 60 s).
        public var idleTimeout: Duration = .seconds(60)
        /// The most connections served at once; more wait in the listen backlog until one closes
        /// (default `nil`: no limit; authd sizes it from the descriptor limit).
        public var maximumConnections: Int?
        /// The most connections one client address (an IPv6 /64) may hold; trusted proxies are
        /// exempt (default `nil`: half of ``maximumConnections``, none without a cap).
        public var maximumConnectionsPerAddress: Int?
        /// How long a graceful shutdown waits for in-flight requests before closing the
        /// connections left (default 10 s).
        public var shutdownGrace: Duration = .seconds(10)
        /// Creates the default settings.
        public init() {}
    }

    public let auth: AuthService
    public let settings: Settings

    /// The per-address share of a connection cap when none is configured: half of it.
    public static func defaultConnectionsPerAddress(ofCap cap: Int) -> Int { AddressShare.defaultMaximum(ofCap: cap) }
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

    /// The routes: health, the seed's API and each feature, each with its group's middleware (rate
    /// limits, bearer authentication). ``buildResponder()`` puts the shared middleware and the
    /// request deadline in front of them; serve that, not this router alone.
    public func buildRouter() -> Router<AuthRequestContext> {
        // No middleware of the router's own: no-store and the problem mapping are stages of the
        // shared stack, so they cover every answer, the router's own bare ones (an unknown path's
        // 404) included, which ``UnmatchedRouteMiddleware`` renders.
        let router = Router(context: AuthRequestContext.self)
        HealthRoutes(probes: readiness).register(on: router)
        let api = router.group("api/v1/auth")
        AuthRoutes(auth: auth, support: support).register(on: api)
        TokenRoutes(auth: auth, clients: settings.introspectionClients).register(on: router, group: api)
        OpenIDRoutes(provider: auth.openID, support: support).register(on: router)
        let admin = router.group("api/v1/admin")
        AdminRoutes(admin: auth.admin, support: support).register(on: admin)
        OpenIDClientAdminRoutes(admin: auth.admin, clients: auth.openIDClients, support: support).register(on: admin)
        for feature in features { feature.register(on: router, support: support) }
        return router
    }

    /// What every request goes through: metrics, client metadata, request id, `no-store` unless
    /// the answer chose its caching, problem mapping, the router's own answers as problems (405
    /// for a known path asked with another method, 404 for an unknown one), and the body limit;
    /// then ``buildRouter()``.
    ///
    /// The request deadline (``Settings/requestTimeout``) is not part of it: it is kept by the
    /// connection (see ``makeApplication(host:port:onServerRunning:)``), which alone can answer
    /// while the handlers are still working.
    public func buildResponder() -> some HTTPResponder<AuthRequestContext> {
        let router = buildRouter()
        return MiddlewareStackResponder(
            stack: sharedMiddleware(allowed: AllowedMethods(routes: router.routes)), next: router.buildResponder())
    }

    /// The shared stages of every answer (``SharedStackMiddleware``), concretely typed in front of
    /// the router, so that no call on the way to it is dynamic.
    func sharedMiddleware(allowed: AllowedMethods) -> SharedStackMiddleware {
        SharedStackMiddleware(
            resolver: ClientIPResolver(trustedProxies: settings.trustedProxies), allowed: allowed,
            bodyLimit: settings.maximumBodyBytes)
    }

    /// A Hummingbird application serving ``buildResponder()`` on `host:port`, with the connection
    /// protections of ``Settings``: read and idle timeouts, the request deadline, the connection
    /// limit, and a graceful shutdown bounded by ``Settings/shutdownGrace``. Run it as a service of a `ServiceGroup`, or
    /// with `runService()`, which serves until SIGTERM or SIGINT and then drains.
    /// - Parameter onServerRunning: called with the listening channel (its `localAddress` tells the
    ///   real port when `port` is 0).
    public func makeApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let perAddress = settings.maximumConnectionsPerAddress
            ?? settings.maximumConnections.map(AddressShare.defaultMaximum(ofCap:))
        let connections = OpenConnections(
            share: perAddress.map { AddressShare(maximum: $0, exempt: settings.trustedProxies) })
        let readTimeout = TimeAmount(settings.readTimeout)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                ReadTimeoutHandler(timeout: readTimeout, handlingTimeout: TimeAmount(settings.requestTimeout), logger: logger)
            ],
            idleTimeout: TimeAmount(settings.idleTimeout))
        // No `serverName`: a `Server` header tells a client nothing it needs, and a scanner which
        // software to try.
        var configuration = ApplicationConfiguration(address: .hostname(host, port: port))
        if let maximum = settings.maximumConnections {
            configuration.availableConnectionsDelegate = ConnectionCap(maximum: maximum, logger: logger)
        }
        let application = Application(
            responder: buildResponder(), server: .http1(configuration: http1, trackedIn: connections), configuration: configuration,
            onServerRunning: onServerRunning, logger: logger)
        return DrainingApplication(base: application, connections: connections, grace: settings.shutdownGrace)
    }
}

/// A middleware stack in front of a responder, both concretely typed, so that `Application` gets a
/// concrete responder and no call on the way to the router is dynamic.
struct MiddlewareStackResponder<
    Stack: MiddlewareProtocol<Request, Response, AuthRequestContext>, Next: HTTPResponder<AuthRequestContext>
>: HTTPResponder {
    let stack: Stack
    let next: Next

    func respond(to request: Request, context: AuthRequestContext) async throws -> Response {
        try await stack.handle(request, context: context) { request, context in
            try await next.respond(to: request, context: context)
        }
    }
}
