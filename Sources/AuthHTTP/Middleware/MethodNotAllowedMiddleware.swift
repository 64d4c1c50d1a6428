import HTTPTypes
import Hummingbird

/// Answers a request for a known path with a method it does not serve: 405 `method_not_allowed`
/// with an `Allow` header listing the methods it does serve (RFC 9110 section 15.5.6).
///
/// Without it Hummingbird's router answers 404, which tells a client the resource does not exist
/// when only the method is wrong.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    public typealias Context = AuthRequestContext

    let table: AllowedMethods

    /// Creates the middleware over `table`.
    public init(table: AllowedMethods) { self.table = table }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // Only a request the router did not match can be a wrong method, so the table is consulted
        // for 404s alone, not on every request (it showed in profiles of `GET /me`). Handlers that
        // answer 404 themselves do so on a matched route, whose method the table allows.
        do {
            let response = try await next(request, context)
            guard response.status == .notFound else { return response }
            return methodNotAllowed(request) ?? response
        } catch let error as HTTPError where error.status == .notFound {
            if let refusal = methodNotAllowed(request) { return refusal }
            throw error
        }
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
