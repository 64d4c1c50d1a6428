import Hummingbird
import NIOHTTP1

/// Turns every error thrown below it into a problem+json response through ``ProblemMapper``, so no
/// error escapes to Hummingbird's default handling, except a broken HTTP stream.
///
/// A body that ends mid-way (the client went away, or the read timeout closed the connection) or
/// breaks the HTTP framing surfaces as an `HTTPParserError`. Hummingbird answers that itself, with
/// 400 and a closed connection; answering here too would write a second response on a stream that
/// cannot carry it, and log a client's misbehaviour as a server error.
package struct ProblemMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    /// Creates the middleware.
    package init() {}

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.answer(for: error, context: context)
        }
    }

    /// The problem answer for `error`.
    /// - Throws: `error` itself when it is a broken HTTP stream (`HTTPParserError`).
    static func answer(for error: any Error, context: Context) throws -> Response {
        if let broken = error as? HTTPParserError {
            context.logger.debug("broken request stream", metadata: ["error": "\(broken)"])
            throw broken
        }
        return ProblemMapper.response(for: error, logger: context.logger)
    }
}
