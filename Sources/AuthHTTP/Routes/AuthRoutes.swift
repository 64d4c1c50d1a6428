import AuthCore
import Hummingbird

/// The handlers of `/api/v1/auth`, each a thin translation between JSON and an ``AuthService`` flow.
struct AuthRoutes: Sendable {
    let auth: AuthService
    let support: RouteSupport

    /// Registers every route of the API on `group` (the `/api/v1/auth` group).
    func register(on group: RouterGroup<AuthRequestContext>) {
        registerSignUp(on: group)
        registerSignIn(on: group)
        registerSessions(on: group)
        registerRefresh(on: group)
        registerSecondFactors(on: group)
        registerPasskeys(on: group)
        registerAccountSettings(on: group)
        registerPasswordReset(on: group)
        registerLinkedAccounts(on: group)
        SharedRoutes(auth: auth, support: support).register(on: group, surface: .api(support))
    }

    func limited(_ group: RouterGroup<AuthRequestContext>, _ scope: String) -> RouterGroup<AuthRequestContext> {
        support.limited(group, scope)
    }

    func authenticated(_ group: RouterGroup<AuthRequestContext>) -> RouterGroup<AuthRequestContext> {
        support.authenticated(group)
    }

    func client(_ context: AuthRequestContext) async -> ClientContext {
        await support.client(context)
    }
}
