import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// Who is looking at a page: the signed-in identity behind the session cookie (if any), the CSRF
/// seed of the browser, and whether it is an admin.
struct Visitor: Sendable {
    var auth: Authenticated?
    var seed: String
    /// The seed was made for this response: it must be set as a cookie.
    var seedIsNew: Bool
    var isAdmin: Bool
}

/// One "Sign in with …" button: the provider's registry name (its path segment) and its name for people.
struct ProviderButton: Sendable, Hashable {
    var name: String
    var label: String
}

/// What the page handlers share: the service, the renderer, cookies and the CSRF guard (its checks
/// run in ``CookieAuthMiddleware``; the handlers only render tokens).
struct WebPages: Sendable {
    let auth: AuthService
    let settings: WebSettings
    /// The sign-in page's provider buttons: every provider of the OAuth flow, in configuration
    /// order (empty when the provider sign-in routes are not registered).
    let oauthProviders: [ProviderButton]
    let support: RouteSupport
    let renderer: PageRenderer
    let cookies: BrowserCookies
    let csrf: CSRFGuard
    /// The webhook endpoints and deliveries the dashboard shows (`nil`: not configured).
    let webhooks: WebhookAdministration?

    /// The visitor of `request`: the identity ``CookieAuthMiddleware`` proved (a revoked, expired
    /// or banned session counts as none), the browser's CSRF seed (or a new one), and whether it is an admin.
    func visitor(_ request: Request, _ context: AuthRequestContext) async throws -> Visitor {
        let authenticated = context.authenticated
        let existing = cookies.existingSeed(request)
        var isAdmin = false
        if let authenticated { isAdmin = try await auth.admin.isAdmin(authenticated.user) }
        return Visitor(auth: authenticated, seed: existing ?? CSRFGuard.newSeed(), seedIsNew: existing == nil, isAdmin: isAdmin)
    }

    /// The context every page starts from (the layout's keys).
    func base(_ visitor: Visitor, title: String, narrow: Bool = false) -> [String: Any] {
        var context: [String: Any] = [
            "title": title, "csrf": csrf.token(seed: visitor.seed, session: visitor.auth?.session.id),
            "main_class": narrow ? "narrow" : "",
        ]
        if let auth = visitor.auth {
            context["signed_in"] = true
            context["email"] = auth.user.email.value
            context["is_admin"] = visitor.isAdmin
        }
        return context
    }

    /// Renders a page for `visitor`, setting its CSRF seed cookie when it is new.
    func page(_ name: String, _ context: [String: Any], for visitor: Visitor, status: HTTPResponse.Status = .ok) -> Response {
        renderer.response(name, context, status: status, headers: seedHeaders(visitor))
    }

    func seedHeaders(_ visitor: Visitor) -> HTTPFields {
        var headers = HTTPFields()
        if visitor.seedIsNew { headers[.setCookie] = cookies.setSeed(visitor.seed) }
        return headers
    }

    /// The fields of a state-changing form (its Origin and CSRF token were checked by
    /// ``CookieAuthMiddleware`` before the handler ran).
    /// - Throws: `invalid_request` for a malformed form.
    func form(_ request: Request) async throws -> [String: String] {
        try await FormBody.decode(request)
    }

    /// A response that signs the browser in with `signedIn`'s session, then sends it to `location`.
    func signedIn(_ signedIn: SignedIn, redirectTo location: String) -> Response {
        var headers = HTTPFields()
        headers[.setCookie] = sessionCookie(signedIn)
        return PageRenderer.redirect(location, headers: headers)
    }

    /// The `Set-Cookie` value carrying `signedIn`'s session, living as long as the (new) session.
    func sessionCookie(_ signedIn: SignedIn) -> String {
        cookies.setSession(signedIn.token, maxAge: Int(signedIn.session.expiresAt.timeIntervalSince(signedIn.session.createdAt)))
    }

    /// Where to go after sign-in: a local page of ours, never another site (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.utf8.count <= 512,
              next.hasPrefix("/ui/") || next.hasPrefix("/admin/") || next == "/admin"
                || next.hasPrefix("/oauth2/authorize/continue?request="),
              !next.contains("//"), !next.contains("\\")
        else { return "/ui/account" }
        return next
    }

    /// `text` percent-encoded for a query value.
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A time as the pages show it: `2026-11-30 23:41 UTC`.
    static func time(_ date: Date) -> String {
        let text = Timestamp.format(date)  // 2026-11-30T23:41:07.123Z
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    /// The table row of a session.
    static func sessionRow(_ session: Session) -> [String: Any] {
        [
            "id": session.id.description, "client": session.client.clientName.isEmpty ? "unknown" : session.client.clientName,
            "ip": session.client.ipText, "place": session.client.location.isEmpty ? "–" : session.client.location,
            "created": time(session.createdAt), "last_used": time(session.lastUsedAt), "expires": time(session.expiresAt),
        ]
    }
}
