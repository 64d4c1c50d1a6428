import AuthCore
import AuthHTTP
import Hummingbird
import Logging

/// The pages of DESIGN section 11 as an ``AuthFeature``: `/ui/` (sign-in, sign-up, verification,
/// reset, the account page) and `/admin/` (the dashboard), plus `/ui/assets/style.css`.
///
/// ```swift
/// let web = WebFeature(auth: service, settings: WebSettings(origins: ["https://auth.example.com"], csrfKey: key))
/// let app = AuthApplication(auth: service, rateLimiter: limiter, features: [web])
/// ```
///
/// - Important: browsers sign in with a cookie here; the JSON API never reads it (bearer only),
///   so the cookie cannot be used against `/api/...` from another site. Every state-changing form
///   passes an Origin check and a CSRF token (``WebSettings``).
public struct WebFeature: AuthFeature {
    let auth: AuthService
    let settings: WebSettings
    let oauth: OAuthSignInFlow?
    let logger: Logger

    /// Creates the feature.
    /// - Parameter oauth: the OAuth sign-in flow, when providers are configured: the sign-in page
    ///   then offers Google (when configured), through `/ui/oauth/{provider}/callback`.
    public init(
        auth: AuthService, settings: WebSettings, oauth: OAuthSignInFlow? = nil, logger: Logger = Logger(label: "authd.web")
    ) {
        self.auth = auth
        self.settings = settings
        self.oauth = oauth
        self.logger = logger
    }

    public func register(on router: Router<AuthRequestContext>, support: RouteSupport) {
        let renderer = PageRenderer()
        let pages = WebPages(
            auth: auth, settings: settings, oauthEnabled: oauth != nil, support: support, renderer: renderer,
            cookies: BrowserCookies(secure: settings.isSecure), csrf: CSRFGuard(settings: settings))
        let headers = PageHeadersMiddleware()
        let errors = PageErrorMiddleware(renderer: renderer, logger: logger)
        router.group("ui/assets").add(middleware: headers).get("style.css") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
            response.headers[.contentType] = "text/css; charset=utf-8"
            response.headers[.cacheControl] = "public, max-age=300"
            return response
        }
        let ui = router.group("ui").add(middleware: headers).add(middleware: errors)
        pages.registerSignIn(on: ui)
        pages.registerAccount(on: ui)
        pages.registerSecondFactorChanges(on: ui)
        if let oauth { pages.registerOAuth(on: ui, flow: oauth) }
        let admin = router.group("admin").add(middleware: headers).add(middleware: errors)
        pages.registerAdmin(on: admin)
    }
}
