import HTTPTypes
import Hummingbird

/// Marks every answer `Cache-Control: no-store` unless it chose its own caching: the auth API's
/// answers carry tokens, code ids and personal data, which no browser or proxy cache may keep
/// (docs/api.md).
///
/// It is a stage of the shared stack, so no-store is the default for every answer, errors and
/// unknown paths included, and caching is what a route must ask for (the stylesheet, the JWKS set
/// their own `Cache-Control`). No path decides it: a per-path rule would have to repeat the
/// router's matching (which ignores empty segments) to be sure of covering every API answer.
package struct NoStoreMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    /// Creates the middleware.
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Outside ``ProblemMiddleware``: refusals reach it as problem answers and get the header
        // too. What that stage lets through (a broken request stream) is left to close the
        // connection, not turned into an answer here.
        var response = try await next(request, context)
        Self.apply(to: &response)
        return response
    }

    /// Marks `response` no-store unless it set its own `Cache-Control`.
    static func apply(to response: inout Response) {
        if !response.headers.contains(.cacheControl) { response.headers.append(noStore) }
    }

    private static let noStore = HTTPField(name: .cacheControl, value: "no-store")
}
