import AuthCore
import AuthHTTP
import HTTPTypes
import Hummingbird

/// The pages' authenticator, in front of `/ui` and `/admin` as ``BearerAuthMiddleware`` is in front
/// of the JSON API: it proves the session cookie and sets the same
/// ``AuthRequestContext/authenticated``, so every handler, shared or page, reads one identity.
///
/// A visitor without a (live) session passes on signed out: the sign-in pages are for them, and
/// the routes that need a session refuse them with 401. A cookie whose session is revoked, expired
/// or banned counts as no session (the next sign-in or sign-out replaces it).
///
/// - Important: it is also the CSRF defence of every state-changing request (anything but `GET`,
///   `HEAD`, `OPTIONS`), before any handler runs: the Origin check first, so a foreign form is
///   refused before its body is parsed, then the token bound to the browser's seed and the session
///   (``CSRFGuard``), from the `X-CSRF-Token` header of a script call or the `csrf` field of a form.
///   Both failures are the same 403.
struct CookieAuthMiddleware: RouterMiddleware {
    typealias Context = AuthRequestContext

    let authenticate: TokenAuthenticator
    let cookies: BrowserCookies
    let csrf: CSRFGuard

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.sessionToken(request) {
            do {
                context.authenticated = try await authenticate(token: token)
            } catch let error as AuthError where [.unauthorized, .sessionExpired, .invalidRequest].contains(error.code) {
                context.authenticated = nil
            }
        }
        if ![.get, .head, .options].contains(request.method) {
            switch Self.providerReturn(request.uri.path) {
            case .formPost: break
            case .continuation:
                guard csrf.isSameOrigin(request) else { throw AuthError(.forbidden, "the form came from another site") }
            case nil:
                try await check(request, session: context.authenticated?.session.id)
            }
        }
        return try await next(request, context)
    }

    /// The Origin check and the CSRF token of a state-changing request.
    /// - Throws: `AuthError(.forbidden)` when either fails; `invalid_request` for a malformed form.
    func check(_ request: Request, session: SessionID?) async throws {
        guard csrf.isSameOrigin(request) else { throw AuthError(.forbidden, "the form came from another site") }
        let submitted: String?
        if let header = request.headers[CSRFGuard.header] {
            submitted = header
        } else if request.headers[.contentType]?.hasPrefix("application/json") == true {
            submitted = nil  // a script call without its token
        } else {
            submitted = try await FormBody.decode(request)["csrf"]
        }
        try csrf.check(request, submitted: submitted, seed: cookies.existingSeed(request), session: session)
    }

    /// The state-changing page routes a provider's return (or an OpenID client's request)
    /// reaches without a CSRF token.
    enum ProviderReturn {
        /// `POST /ui/oauth/{provider}/callback`: a provider answering with `response_mode=form_post`
        /// (Apple) sends the browser back with a cross-site POST by design. The route spends nothing
        /// and sets no cookie; it only hands the fields to a same-site form, so neither check applies.
        case formPost
        /// `POST /ui/oauth/{provider}/callback/continue`: that form's same-site POST. Its page had no
        /// cookie to bind a token to, so only the Origin is checked here; the sign-in's `state`,
        /// bound to this browser's seed, is checked by the handler.
        case continuation
    }

    static func providerReturn(_ path: String) -> ProviderReturn? {
        // An OpenID client's authorization or logout request, posted from the client's site. The
        // logout handler counts only a same-site, CSRF-checked confirmation as the user's.
        if path == "/oauth2/authorize" || path == "/oauth2/logout" { return .formPost }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[0].isEmpty, parts[1] == "ui", parts[2] == "oauth", !parts[3].isEmpty, parts[4] == "callback" else {
            return nil
        }
        switch parts.count {
        case 5: return .formPost
        case 6 where parts[5] == "continue": return .continuation
        default: return nil
        }
    }
}
