import AuthCore
import AuthHTTP
import Hummingbird
import Logging

/// The pages of docs/admin.md as an ``AuthFeature``: `/ui/` (sign-in, sign-up, verification,
/// reset, the account page, passkeys) and `/admin/` (the dashboard), plus `/ui/assets/style.css`
/// and `/ui/assets/passkeys.js`.
///
/// ```swift
/// let web = WebFeature(auth: service, settings: WebSettings(origins: ["https://auth.example.com"], csrfKey: key))
/// let app = AuthApplication(auth: service, rateLimiter: limiter, features: [web])
/// ```
///
/// - Important: browsers sign in with a cookie here, proven by ``CookieAuthMiddleware``; the JSON
///   API never reads it (bearer only), so the cookie cannot be used against `/api/...` from another
///   site. Every state-changing request passes an Origin check and a CSRF token (``WebSettings``)
///   in that middleware, before any handler. The JSON routes the page script calls are the API's
///   own handlers mounted a second time (``SharedRoutes``), so none is written twice.
public struct WebFeature: AuthFeature {
    let auth: AuthService
    let settings: WebSettings
    let oauth: OAuthSignInFlow?
    let webhooks: WebhookAdministration?
    let logger: Logger

    /// Creates the feature.
    /// - Parameter oauth: the OAuth sign-in flow, when providers are configured: the sign-in page
    ///   then offers a button for each of its providers, through `/ui/oauth/{provider}/callback`.
    /// - Parameter webhooks: the webhook endpoints and deliveries, for the dashboard's webhook page.
    public init(
        auth: AuthService, settings: WebSettings, oauth: OAuthSignInFlow? = nil, webhooks: WebhookAdministration? = nil,
        logger: Logger = Logger(label: "authd.web")
    ) {
        self.auth = auth
        self.settings = settings
        self.oauth = oauth
        self.webhooks = webhooks
        self.logger = logger
    }

    public func register(on router: Router<AuthRequestContext>, support: RouteSupport) {
        let renderer = PageRenderer()
        let buttons = oauth?.providers.all.map { ProviderButton(name: $0.name, label: $0.displayName) } ?? []
        let cookies = BrowserCookies(secure: settings.isSecure)
        let csrf = CSRFGuard(settings: settings)
        let pages = WebPages(
            auth: auth, settings: settings, oauthProviders: buttons, support: support, renderer: renderer,
            cookies: cookies, csrf: csrf, webhooks: webhooks)
        let headers = PageHeadersMiddleware()
        let errors = PageErrorMiddleware(renderer: renderer, logger: logger)
        // The pages' authenticator: the session cookie, and the Origin and CSRF checks of every
        // state-changing request, before any handler (the JSON API's is the bearer token instead).
        let session = CookieAuthMiddleware(authenticate: auth.authenticate, cookies: cookies, csrf: csrf)
        let assets = router.group("ui/assets").add(middleware: headers)
        assets.get("style.css") { _, _ in Self.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        assets.get("passkeys.js") { _, _ in Self.asset(WebPasskeyScript.javaScript, type: "text/javascript; charset=utf-8") }
        let ui = router.group("ui").add(middleware: headers).add(middleware: errors).add(middleware: session)
        pages.registerSignIn(on: ui)
        pages.registerAccount(on: ui)
        pages.registerSecondFactorChanges(on: ui)
        pages.registerPasskeys(on: ui)
        // The script's JSON calls are the API's own handlers, answering with the cookie, not tokens.
        SharedRoutes(auth: auth, support: support).register(
            on: ui, surface: .pages(sessionCookie: { pages.sessionCookie($0) }, destination: { WebPages.safeNext($0) }))
        if let oauth { pages.registerOAuth(on: ui, flow: oauth) }
        // authd as an OpenID Provider: the browser's endpoints, behind the same cookie authenticator.
        let oauth2 = router.group("oauth2").add(middleware: headers).add(middleware: errors).add(middleware: session)
        pages.registerOpenID(on: oauth2)
        let admin = router.group("admin").add(middleware: headers).add(middleware: errors).add(middleware: session)
        pages.registerAdmin(on: admin)
    }

    /// A static asset of ours, cached for five minutes.
    static func asset(_ text: String, type: String) -> Response {
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = type
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }
}
