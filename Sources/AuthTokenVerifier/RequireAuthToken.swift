import Foundation
import Hummingbird
import HummingbirdAuth

/// The guard in front of routes that need a signed-in caller, and optionally a second factor or
/// a recent sign-in (docs/tokens.md).
///
/// Without a verified token it answers 401 with `WWW-Authenticate: Bearer` (and
/// `error="invalid_token"` when one was sent). A token below ``minimumAAL``, or whose sign-in is
/// older than ``maximumAuthenticationAge``, gets 401 `insufficient_user_authentication` with the
/// `max_age` to sign in again within (RFC 9470, the step-up challenge): the client signs in again
/// (with its second factor) and retries with the new token.
///
/// ```swift
/// let payments = router.group("payments")
///     .add(middleware: RequireAuthToken(minimumAAL: 2, maximumAuthenticationAge: .seconds(300)))
/// ```
public struct RequireAuthToken<Context: AuthRequestContext>: RouterMiddleware where Context.Identity == VerifiedToken {
    /// The lowest assurance level let through: 1 (any session) or 2 (a second factor was proven).
    public let minimumAAL: Int
    /// The longest time since the session's sign-in, or `nil` for any.
    public let maximumAuthenticationAge: Duration?
    private let now: @Sendable () -> Date

    /// Creates the guard.
    /// - Parameters:
    ///   - minimumAAL: 1 (default) or 2.
    ///   - maximumAuthenticationAge: how recent the sign-in must be (`auth_time`), or `nil`.
    ///   - now: the clock the age is measured with.
    public init(
        minimumAAL: Int = 1, maximumAuthenticationAge: Duration? = nil, context: Context.Type = Context.self,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.minimumAAL = minimumAAL
        self.maximumAuthenticationAge = maximumAuthenticationAge
        self.now = now
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = context.identity else {
            throw AuthTokenChallenge.unauthenticated(tokenSent: AuthTokenChallenge.bearerToken(in: request) != nil)
        }
        guard token.aal >= minimumAAL else {
            throw AuthTokenChallenge.insufficientUserAuthentication(
                "this needs a session that proved a second factor", maxAge: maximumAuthenticationAge)
        }
        if let maximumAuthenticationAge {
            let age = now().timeIntervalSince1970 - Double(token.authenticatedAt)
            let limit = Double(maximumAuthenticationAge.components.seconds)
            guard age <= limit else {
                throw AuthTokenChallenge.insufficientUserAuthentication(
                    "this needs a sign-in within the last \(Int(limit)) seconds", maxAge: maximumAuthenticationAge)
            }
        }
        return try await next(request, context)
    }
}
