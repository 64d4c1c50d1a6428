import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird

/// The browser's side of authd as an OpenID Provider (docs/oidc.md): `/oauth2/authorize` (GET
/// and POST), its continuation after sign-in, the consent page's answer and RP-initiated logout.
/// Signing in is the `/ui` sign-in page, which returns here through its `next` parameter.
extension WebPages {
    func registerOpenID(on oauth2: RouterGroup<AuthRequestContext>) {
        let provider = auth.openID
        oauth2.get("authorize") { request, context in
            let outcome = try await provider.authorize(parameters: try Self.query(request), browser: context.authenticated)
            return try await authorization(outcome, request, context)
        }
        // A client may send the request as a cross-site form post (OpenID Connect Core section
        // 3.1.2.1); ``CookieAuthMiddleware`` lets it through without a CSRF token, as it spends
        // nothing the GET would not.
        oauth2.post("authorize") { request, context in
            let outcome = try await provider.authorize(parameters: try await form(request), browser: context.authenticated)
            return try await authorization(outcome, request, context)
        }
        oauth2.get("authorize/continue") { request, context in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            let outcome = try await provider.continueAuthorization(request: id, browser: context.authenticated)
            return try await authorization(outcome, request, context)
        }
        oauth2.post("consent") { request, context in
            let form = try await form(request)
            let outcome = try await provider.answerConsent(
                request: form["request"] ?? "", allow: form["decision"] == "allow", browser: context.authenticated)
            return try await authorization(outcome, request, context)
        }
        oauth2.get("logout") { request, context in
            try await logout(try Self.query(request), confirmed: false, request, context)
        }
        // An app may post its logout request cross-site too: only a confirmation from our own
        // page (same origin, a valid CSRF token) counts as the user's answer.
        oauth2.post("logout") { request, context in
            let form = try await form(request)
            let confirmed = form["confirm"] == "yes" && csrf.isSameOrigin(request) && (try? csrf.check(
                request, submitted: form["csrf"], seed: cookies.existingSeed(request),
                session: context.authenticated?.session.id)) != nil
            return try await logout(form, confirmed: confirmed, request, context)
        }
    }

    private func authorization(_ outcome: AuthorizationOutcome, _ request: Request, _ context: AuthRequestContext) async throws -> Response {
        let visitor = try await visitor(request, context)
        switch outcome {
        case .refused(let reason):
            var values = base(visitor, title: "Sign-in refused", narrow: true)
            values["heading"] = "This sign-in cannot go on"
            values["message"] = reason
            values["back"] = "/ui/"
            return page("error", values, for: visitor, status: .badRequest)
        case .redirect(let location):
            // Straight back from the client's own navigation; after one of our forms (sign-in,
            // second factor, consent) through a page, since `form-action 'self'` refuses a
            // redirect to the client that follows a form.
            guard request.method == .get, request.uri.path == "/oauth2/authorize" else {
                return continueToApp(location, visitor: visitor, headers: seedHeaders(visitor))
            }
            return PageRenderer.redirect(location, headers: seedHeaders(visitor))
        case .signIn(let id, let loginHint):
            var location = "/ui/sign-in?next=" + Self.percentEncoded("/oauth2/authorize/continue?request=" + id)
            if let loginHint { location += "&email=" + Self.percentEncoded(loginHint) }
            return PageRenderer.redirect(location, headers: seedHeaders(visitor))
        case .consent(let id, let clientName, let scopes):
            var values = base(visitor, title: "Allow \(clientName)?", narrow: true)
            values["client"] = clientName
            values["request"] = id
            values["scopes"] = scopes.map(Self.scopeDescription)
            return page("oidc_consent", values, for: visitor)
        }
    }

    private func logout(
        _ parameters: [String: String], confirmed: Bool, _ request: Request, _ context: AuthRequestContext
    ) async throws -> Response {
        let visitor = try await visitor(request, context)
        var headers = seedHeaders(visitor)
        switch try await auth.openID.logout(parameters: parameters, browser: context.authenticated, confirmed: confirmed) {
        case .redirect(let location):
            headers[.setCookie] = cookies.clearSession()
            // After our confirmation form, through a page (see ``continueToApp(_:visitor:headers:)``).
            guard request.method == .get else { return continueToApp(location, visitor: visitor, headers: headers) }
            return PageRenderer.redirect(location, headers: headers)
        case .signedOut:
            headers[.setCookie] = cookies.clearSession()
            var values = base(Visitor(auth: nil, seed: visitor.seed, seedIsNew: false, isAdmin: false), title: "Signed out", narrow: true)
            values["signed_in"] = false
            return renderer.response("oidc_signed_out", values, headers: headers)
        case .confirm(let clientName):
            var values = base(visitor, title: "Sign out?", narrow: true)
            values["client"] = clientName
            values["client_id"] = parameters["client_id"]
            values["post_logout_redirect_uri"] = parameters["post_logout_redirect_uri"]
            values["state"] = parameters["state"]
            return page("oidc_logout", values, for: visitor)
        }
    }

    /// A page that goes on to `location` (the client's) by itself, with a link for a browser that
    /// does not follow a refresh.
    private func continueToApp(_ location: String, visitor: Visitor, headers: HTTPFields) -> Response {
        var values = base(visitor, title: "Back to the app", narrow: true)
        values["refresh"] = location
        values["location"] = location
        return renderer.response("oidc_continue", values, headers: headers)
    }

    /// What a scope lets an app see, for people.
    static func scopeDescription(_ scope: String) -> String {
        switch scope {
        case OpenIDScope.openid: "who you are (an id for your account)"
        case OpenIDScope.email: "your email address"
        case OpenIDScope.profile: "your profile (your user name)"
        case OpenIDScope.offlineAccess: "stay signed in while you are away"
        default: scope
        }
    }

    /// The query's parameters (unknown ones are the provider's to ignore).
    /// - Throws: `invalid_request` for a malformed query or a repeated parameter (RFC 6749
    ///   section 3.1: parameters must not be included more than once).
    static func query(_ request: Request) throws -> [String: String] {
        try FormBody.fields(of: request.uri.query ?? "")
    }
}
