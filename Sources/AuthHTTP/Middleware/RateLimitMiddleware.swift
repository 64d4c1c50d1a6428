import AuthCore
import Hummingbird

/// Limits one route (or a family of routes sharing `scope`) per client IP, and sets the
/// `RateLimit-*` headers on its responses, errors included.
package struct RateLimitMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    let scope: String
    let limits: RateLimitGuard

    /// Creates the middleware for `scope` (e.g. `sign-in`).
    package init(scope: String, limits: RateLimitGuard) {
        self.scope = scope
        self.limits = limits
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let decision = try await limits.checkIP(context.client.ip, scope: scope)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Rendered here (through the one mapper) so the headers reach error responses too.
            response = ProblemMapper.response(for: error, logger: context.logger)
        }
        // A refusal by AuthCore's own limits carries its Retry-After; the route's counters would
        // misdescribe it ("Remaining: 9" on a 429), so they go only on the route's own answers.
        if response.headers[RateLimitHeaders.limit] == nil, response.status != .tooManyRequests {
            RateLimitHeaders.apply(decision, to: &response.headers)
        }
        return response
    }
}
