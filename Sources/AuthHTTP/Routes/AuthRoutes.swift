import AuthCore
import Hummingbird

/// The handlers of `/api/v1/auth`, each a thin translation between JSON and an ``AuthService`` flow.
struct AuthRoutes: Sendable {
    let auth: AuthService
    let limits: RateLimitGuard
    let geo: (any GeoLocator)?

    /// Registers every route of the API on `group` (the `/api/v1/auth` group).
    func register(on group: RouterGroup<AuthRequestContext>) {
        registerSignUp(on: group)
        registerSignIn(on: group)
        registerSessions(on: group)
        registerPasswordReset(on: group)
    }

    /// A group whose routes count against the per-IP limit of `scope`.
    func limited(_ group: RouterGroup<AuthRequestContext>, _ scope: String) -> RouterGroup<AuthRequestContext> {
        group.group().add(middleware: RateLimitMiddleware(scope: scope, limits: limits))
    }

    /// A group whose routes require a bearer token.
    func authenticated(_ group: RouterGroup<AuthRequestContext>) -> RouterGroup<AuthRequestContext> {
        group.group().add(middleware: BearerAuthMiddleware(authenticate: auth.authenticate))
    }

    /// The caller's metadata, with a location when a ``GeoLocator`` is configured. Looked up only
    /// where a session is created, not on every request.
    func client(_ context: AuthRequestContext) async -> ClientContext {
        var client = context.client
        if let geo, !client.ip.isEmpty { client.location = await geo.locate(client.ip) }
        return client
    }
}
