import AuthCore
import Hummingbird

/// Requires `Authorization: Bearer <token>` and stores the proven identity in
/// ``AuthRequestContext/authenticated``.
///
/// - Important: every authentication failure (no header, another scheme, a malformed, forged,
///   `alg: none`, expired or revoked token) gets the same 401 body, so a caller learns nothing
///   about why. Only a failure of the service itself (a store outage: 503) is reported
///   differently, since it says nothing about the token.
public struct BearerAuthMiddleware: RouterMiddleware {
    public typealias Context = AuthRequestContext

    let authenticate: TokenAuthenticator

    /// Creates the middleware.
    public init(authenticate: TokenAuthenticator) { self.authenticate = authenticate }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(request.headers[.authorization]) else { throw AuthError.unauthorized }
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
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingWhitespace
        return token.isEmpty ? nil : token
    }
}
