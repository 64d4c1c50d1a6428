import Hummingbird

/// Turns every error thrown below it into a problem+json response through ``ProblemMapper``, so no
/// error escapes to Hummingbird's default handling.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = AuthRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return ProblemMapper.response(for: error, logger: context.logger)
        }
    }
}
