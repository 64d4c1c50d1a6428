import HTTPTypes
import Hummingbird

/// Marks every answer of the group `Cache-Control: no-store`: the auth API's answers carry tokens,
/// code ids and personal data, which no browser or proxy cache may keep (DESIGN section 6).
public struct NoStoreMiddleware: RouterMiddleware {
    public typealias Context = AuthRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Rendered here (through the one mapper) so that refusals carry the header too.
            response = ProblemMapper.response(for: error, logger: context.logger)
        }
        response.headers.set(Self.noStore)
        return response
    }

    private static let noStore = HTTPField(name: .cacheControl, value: "no-store")
}
