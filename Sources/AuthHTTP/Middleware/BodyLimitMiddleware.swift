import AuthCore
import Hummingbird
import NIOCore

/// Refuses request bodies over a limit (64 KiB by default) with 413 `payload_too_large`.
///
/// A declared `Content-Length` over the limit is refused before anything is read; bodies without
/// one (chunked) are collected only up to the limit and refused as soon as they pass it. The
/// collected body replaces the stream, so handlers decode from memory.
package struct BodyLimitMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    /// The default limit: 64 KiB.
    package static let defaultLimit = 64 * 1024

    /// The most bytes a body may have.
    package let limit: Int

    /// Creates the middleware.
    package init(limit: Int = Self.defaultLimit) { self.limit = limit }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        if Self.hasBody(request) { try await collect(&request) }
        return try await next(request, context)
    }

    /// Whether `request` has a body: without Content-Length or Transfer-Encoding an HTTP/1.1
    /// request has none (RFC 9112, section 6.3). Most requests (every GET) so skip the body stream.
    static func hasBody(_ request: Request) -> Bool {
        request.headers.contains(.contentLength, or: .transferEncoding)
    }

    /// Collects the body of `request` into memory, refusing it past the limit.
    /// - Throws: `AuthError(.payloadTooLarge)` past the limit; `AuthError(.invalidRequest)` for a
    ///   malformed Content-Length.
    func collect(_ request: inout Request) async throws {
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
    }

    private var tooLarge: AuthError {
        AuthError(.payloadTooLarge, "the request body must be at most \(limit / 1024) KiB")
    }
}
