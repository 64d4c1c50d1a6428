import HTTPTypes
import Hummingbird

/// Answers what the router could not route, as problems like every other error:
///
/// - a known path asked with a method it does not serve: 405 `method_not_allowed` with an `Allow`
///   header listing the methods it does serve (RFC 9110 section 15.5.6). Hummingbird's router
///   answers 404, which tells a client the resource does not exist when only the method is wrong;
/// - an unknown path: 404 `not_found`. The router turns its `HTTPError` into a bare answer (a status,
///   no body) before any stage outside it sees the error; every answer of ours has a body type, so
///   an error answer without one is the router's, rendered here through ``ProblemMapper``.
///
/// Outside the router, so that no route needs a middleware of the router's own for it.
package struct UnmatchedRouteMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    let table: AllowedMethods

    /// Creates the middleware over `table`.
    package init(table: AllowedMethods) { self.table = table }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        rendered(try await next(request, context), for: request, context: context)
    }

    /// `response`, or when it is the router's bare error answer, that answer as a problem.
    func rendered(_ response: Response, for request: Request, context: Context) -> Response {
        // Only a request the router did not match can be a wrong method, so the table is consulted
        // for the router's own answers alone, not on every request (it showed in profiles of
        // `GET /me`). Handlers answer errors with a problem body, on a matched route.
        // The router never throws Hummingbird's `HTTPError`s: it answers them itself, bare.
        guard response.status.code >= 400, !response.headers.contains(.contentType) else { return response }
        if response.status == .notFound, let refusal = methodNotAllowed(request) { return refusal }
        return ProblemMapper.response(for: HTTPError(response.status), logger: context.logger)
    }

    /// The 405 answer when `request`'s path is known but not with its method, else `nil`.
    func methodNotAllowed(_ request: Request) -> Response? {
        let allowed = table.methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return nil }
        var response = ProblemMapper.render(
            code: "method_not_allowed", status: .methodNotAllowed,
            detail: "\(request.method.rawValue) is not allowed here", title: nil)
        response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
    }
}
