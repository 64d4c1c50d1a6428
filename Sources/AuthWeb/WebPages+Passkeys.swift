import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// Passkeys on the pages: the account page adds and removes them, the sign-in page signs in with
/// one without an address typed, and the second-factor page accepts one after a password.
///
/// The WebAuthn calls happen in the browser (`/ui/assets/passkeys.js`, ``WebPasskeyScript``), which
/// calls the JSON API's own passkey handlers, mounted under `/ui` behind the session cookie
/// (``SharedRoutes``, registered by ``WebFeature``); like every state-changing request of the
/// pages, each passes the Origin check and the CSRF token (``CookieAuthMiddleware``), the token
/// sent in `X-CSRF-Token`. Only removing a passkey is a form of the account page.
extension WebPages {
    func registerPasskeys(on ui: RouterGroup<AuthRequestContext>) {
        ui.post("account/passkeys/:id/remove") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            guard let id = PasskeyID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such passkey")
            }
            do {
                try await auth.passkeys.remove(signedIn, id: id, client: context.client)
            } catch let error as AuthError where error.code == .reauthenticationRequired {
                return try await accountPage(visitor, signedIn, error: Self.reauthenticate, status: .forbidden)
            }
            return PageRenderer.redirect("/ui/account?done=passkey_removed")
        }
    }
}
