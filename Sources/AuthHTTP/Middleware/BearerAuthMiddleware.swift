import AuthCore
import Hummingbird

/// Requires `Authorization: Bearer <token>` and stores the proven identity in
/// ``AuthRequestContext/authenticated``.
///
/// - Important: every authentication failure (no header, another scheme, a malformed, forged,
///   `alg: none`, expired or revoked token) gets the same 401 body, so a caller learns nothing
///   about why. Only a failure of the service itself (a store outage: 503) is reported
///   differently, since it says nothing about the token.
package struct BearerAuthMiddleware: RouterMiddleware {
    package typealias Context = AuthRequestContext

    let authenticate: TokenAuthenticator

    /// Creates the middleware.
    package init(authenticate: TokenAuthenticator) { self.authenticate = authenticate }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(request.headers.single(.authorization)) else { throw AuthError.unauthorized }
        var context = context
        do {
            context.authenticated = try await authenticate(token: token)
        } catch let error as AuthError where [.unauthorized, .sessionExpired, .invalidRequest].contains(error.code) {
            throw AuthError.unauthorized  // one generic answer, whatever the reason
        }
        return try await next(request, context)
    }

    /// The token of a `Bearer` authorization header (scheme case-insensitive), or `nil`.
    static func bearerToken(_ header: String?) -> String? {
        // Parsed on UTF-8 bytes, in place: this runs on every authenticated request, and
        // Foundation's trimming (UTF-16) and then a copy of the header showed in profiles of `/me`.
        guard var header else { return nil }
        return header.withUTF8 { bytes in
            func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            var start = 0, end = bytes.count
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            let scheme = "bearer".utf8
            guard end - start > scheme.count, isBlank(bytes[start + scheme.count]) else { return nil }
            for (i, expected) in scheme.enumerated() where bytes[start + i] | 0x20 != expected { return nil }
            var tokenStart = start + scheme.count
            while tokenStart < end, isBlank(bytes[tokenStart]) { tokenStart += 1 }
            guard tokenStart < end else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[tokenStart..<end]), as: UTF8.self)
        }
    }
}
