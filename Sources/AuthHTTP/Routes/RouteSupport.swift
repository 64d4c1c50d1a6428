import AuthCore
import Hummingbird

/// What every family of routes shares: per-IP rate limits, bearer authentication and the caller's
/// metadata with its location. Built once by ``AuthApplication`` and handed to each feature.
public struct RouteSupport: Sendable {
    let limits: RateLimitGuard
    let authenticate: TokenAuthenticator
    let geoLocator: (any GeoLocator)?

    /// A group whose routes count against the per-IP limit of `scope`, with `RateLimit-*` headers
    /// on every answer.
    public func limited(_ group: RouterGroup<AuthRequestContext>, _ scope: String) -> RouterGroup<AuthRequestContext> {
        group.group().add(middleware: RateLimitMiddleware(scope: scope, limits: limits))
    }

    /// A group whose routes require a bearer token (``AuthRequestContext/authenticated`` is set).
    public func authenticated(_ group: RouterGroup<AuthRequestContext>) -> RouterGroup<AuthRequestContext> {
        group.group().add(middleware: BearerAuthMiddleware(authenticate: authenticate))
    }

    /// The caller's metadata, with a location when a ``GeoLocator`` is configured. Looked up only
    /// where a session is created, not on every request.
    public func client(_ context: AuthRequestContext) async -> ClientContext {
        var client = context.client
        if let geoLocator, let ip = client.ip { client.location = await geoLocator.locate(ip) }
        return client
    }
}
