import AuthCore
import HTTPTypes
import Hummingbird

/// One of the two places the ``SharedRoutes`` are mounted, and the two things that differ there:
/// how a route that needs a session gets it, and how a finished sign-in is handed over.
///
/// - The JSON API (`/api/v1/auth`): a bearer token (``BearerAuthMiddleware``); a sign-in answers
///   with the tokens. It never reads the pages' cookie.
/// - The pages (`/ui`): the session cookie, proven (with the CSRF token and Origin checks) by the
///   pages' cookie authenticator in front of the whole group; a sign-in sets the cookie and answers
///   `{redirect}`, where the page script goes next. No token ever reaches a page script.
///
/// Both set the same ``AuthRequestContext/authenticated``, so a handler is written once
/// (docs/architecture.md, "One HTTP surface").
package struct RouteSurface: Sendable {
    /// Whether routes are mounted at their page path (``SharedRoutes/Route/pagePath``).
    package let isPages: Bool
    /// `group`, with a proven session required on its routes.
    let authenticated: @Sendable (RouterGroup<AuthRequestContext>) -> RouterGroup<AuthRequestContext>
    /// The answer to a finished sign-in; `next` is where a page asked to go afterwards.
    let signedIn: @Sendable (SignedIn, _ next: String?) throws -> Response

    /// The JSON API's surface: bearer tokens in, tokens out.
    static func api(_ support: RouteSupport) -> RouteSurface {
        RouteSurface(
            isPages: false, authenticated: { support.authenticated($0) },
            signedIn: { signedIn, _ in try JSONBody.response(TokenResponse(signedIn)) })
    }

    /// The pages' surface, mounted on a group whose cookie authenticator has already run.
    /// - Parameters:
    ///   - sessionCookie: the `Set-Cookie` value that carries a new session to the browser.
    ///   - destination: the page to go to after a sign-in, from the `next` the script sent (the
    ///     pages' own check: never another site).
    package static func pages(
        sessionCookie: @escaping @Sendable (SignedIn) -> String, destination: @escaping @Sendable (String?) -> String
    ) -> RouteSurface {
        RouteSurface(
            isPages: true, authenticated: { $0.group().add(middleware: RequireAuthenticatedMiddleware()) },
            signedIn: { signedIn, next in
                var response = try JSONBody.response(PageRedirectResponse(redirect: destination(next)))
                response.headers[.setCookie] = sessionCookie(signedIn)
                return response
            })
    }
}
