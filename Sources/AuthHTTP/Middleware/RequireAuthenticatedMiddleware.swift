import AuthCore
import Hummingbird

/// Refuses a request that no authenticator of its surface has proven (``AuthRequestContext/authenticated``
/// is `nil`) with the generic 401. The pages' cookie authenticator lets signed-out visitors through
/// (the sign-in page is for them); the routes that need a session put this behind it.
package struct RequireAuthenticatedMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard context.authenticated != nil else { throw AuthError.unauthorized }
        return try await next(request, context)
    }
}
