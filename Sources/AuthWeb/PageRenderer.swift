import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the pages from templates compiled into the binary (Swift string literals: nothing to
/// find on disk at run time, so a release build, a container or `make run` serve the same pages).
/// `{{x}}` is HTML-escaped by Mustache; only our own QR code SVG is inserted unescaped.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        let templates: [String: String] = [
            "head": Layout.head, "foot": Layout.foot, "error": Layout.errorPage,
            "sign_in": SignInTemplates.signIn, "mfa": SignInTemplates.mfa, "sign_up": SignInTemplates.signUp,
            "verify": SignInTemplates.verify, "reset": SignInTemplates.reset, "reset_complete": SignInTemplates.resetComplete,
            "oauth_continue": SignInTemplates.oauthContinue,
            "account": AccountTemplates.page, "account_sessions": AccountTemplates.sessions,
            "account_mfa": AccountTemplates.mfa, "account_passkeys": AccountTemplates.passkeys,
            "account_password": AccountTemplates.password, "account_apps": AccountTemplates.apps,
            "admin_nav": AdminTemplates.nav, "admin_overview": AdminTemplates.overview, "admin_users": AdminTemplates.users,
            "admin_user": AdminTemplates.user, "admin_audit": AdminTemplates.audit,
            "admin_webhooks": AdminWebhookTemplates.page, "admin_clients": AdminClientTemplates.page,
            "oidc_consent": OpenIDTemplates.consent, "oidc_logout": OpenIDTemplates.logoutConfirm,
            "oidc_signed_out": OpenIDTemplates.signedOut, "oidc_continue": OpenIDTemplates.continueToApp,
        ]
        for (name, text) in templates {
            // The templates are constants of this module; a parse error is a programming error
            // that every page test would show at once.
            try! library.register(text, named: name)
        }
        self.library = library
    }

    /// The HTML of template `name` with `context`.
    func html(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// A `text/html` response.
    func response(_ name: String, _ context: [String: Any], status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html(name, context))))
    }

    /// A `303 See Other` to `location` (after a form post).
    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}
