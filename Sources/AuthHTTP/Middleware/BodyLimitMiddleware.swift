import AuthCore
import Hummingbird
import NIOCore

/// Refuses request bodies over a limit (64 KiB by default) with 413 `payload_too_large`.
///
/// A declared `Content-Length` over the limit is refused before anything is read; bodies without
/// one (chunked) are collected only up to the limit and refused as soon as they pass it. The
/// collected body replaces the stream, so handlers decode from memory.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = AuthRequestContext

    /// The default limit: 64 KiB.
    public static let defaultLimit = 64 * 1024

    /// The most bytes a body may have.
    public let limit: Int

    /// Creates the middleware.
    public init(limit: Int = Self.defaultLimit) { self.limit = limit }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        // Without Content-Length or Transfer-Encoding an HTTP/1.1 request has no body (RFC 9112,
        // section 6.3): nothing to collect, and most requests (every GET) skip the body stream.
        guard request.headers.contains(.contentLength, or: .transferEncoding) else {
            return try await next(request, context)
        }
        if let declared = request.headers[.contentLength] {
            guard let length = Int(declared), length >= 0 else {
                throw AuthError.invalidRequest("Content-Length is malformed")
            }
            guard length <= limit else { throw tooLarge }
        }
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw tooLarge  // a body without Content-Length (chunked) that ran past the limit
        }
        return try await next(request, context)
    }

    private var tooLarge: AuthError {
        AuthError(.payloadTooLarge, "the request body must be at most \(limit / 1024) KiB")
    }
}
