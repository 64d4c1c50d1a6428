import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// `/ui/account`: the signed-in user's sessions, second factors, passkeys and password. Each part is a section of its own template (`account_*`).
extension WebPages {
    func registerAccount(on ui: RouterGroup<AuthRequestContext>) {
        ui.get("account") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            return try await accountPage(visitor, signedIn, notice: Self.notice(request))
        }
        ui.post("account/sessions/:id/revoke") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            guard let id = SessionID(uuidString: try context.pathParameter("id")) else { throw AuthError(.notFound, "no such session") }
            try await auth.logout.session(id, of: signedIn, client: context.client)
            if id == signedIn.session.id {
                var headers = HTTPFields()
                headers[.setCookie] = cookies.clearSession()
                return PageRenderer.redirect("/ui/sign-in", headers: headers)
            }
            return PageRenderer.redirect("/ui/account?done=session_revoked")
        }
        ui.post("account/apps/:client/disconnect") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            try await auth.openIDClients.disconnect(try context.pathParameter("client"), of: signedIn.user.id)
            return PageRenderer.redirect("/ui/account?done=app_disconnected")
        }
        ui.post("account/sessions/revoke-others") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            try await auth.logout.others(signedIn, client: context.client)
            return PageRenderer.redirect("/ui/account?done=sessions_revoked")
        }
        support.limited(ui, "password-change").post("account/password") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let signedIn = try Self.require(visitor)
            do {
                try await auth.changePassword(
                    signedIn, currentPassword: form["current_password"] ?? "", newPassword: form["new_password"] ?? "",
                    client: context.client)
            } catch let error as AuthError where [.invalidCredentials, .invalidRequest].contains(error.code) {
                let message = error.code == .invalidCredentials
                    ? "The current password is not right." : (error.publicDetail ?? "Choose a password of 8 to 128 characters.")
                return try await accountPage(visitor, signedIn, error: message, status: .badRequest)
            }
            return PageRenderer.redirect("/ui/account?done=password_changed")
        }
        ui.post("account/mfa/totp") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            do {
                let enrolment = try await auth.totp.start(signedIn, client: context.client)
                return try await accountPage(visitor, signedIn, enrolment: enrolment)
            } catch let error as AuthError where error.code == .reauthenticationRequired {
                return try await accountPage(visitor, signedIn, error: Self.reauthenticate, status: .forbidden)
            }
        }
        support.limited(ui, "mfa-confirm").post("account/mfa/totp/confirm") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let signedIn = try Self.require(visitor)
            guard let id = AuthenticatorID(uuidString: form["id"] ?? "") else { throw AuthError(.invalidCode, "the code is invalid") }
            do {
                let codes = try await auth.totp.confirm(signedIn, id: id, code: form["code"] ?? "", client: context.client)
                return try await accountPage(visitor, signedIn, notice: "Your authenticator app is on.", recoveryCodes: codes)
            } catch let error as AuthError where error.code == .invalidCode {
                return try await accountPage(visitor, signedIn, error: "That code is not right; start again.", status: .badRequest)
            }
        }
    }

    /// Removing an app and replacing recovery codes weaken protection: they need a recent sign-in
    /// (and with an app, its code), which the page asks for by signing in again.
    func registerSecondFactorChanges(on ui: RouterGroup<AuthRequestContext>) {
        ui.post("account/mfa/totp/:id/remove") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            guard let id = AuthenticatorID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such authenticator")
            }
            do {
                try await auth.totp.remove(signedIn, id: id, client: context.client)
            } catch let error as AuthError where error.code == .reauthenticationRequired {
                return try await accountPage(visitor, signedIn, error: Self.reauthenticate, status: .forbidden)
            }
            return PageRenderer.redirect("/ui/account?done=app_removed")
        }
        ui.post("account/mfa/recovery-codes") { request, context in
            let visitor = try await visitor(request, context)
            let signedIn = try Self.require(visitor)
            do {
                let codes = try await auth.recoveryCodes.regenerate(signedIn, client: context.client)
                return try await accountPage(visitor, signedIn, notice: "New recovery codes; the old ones no longer work.", recoveryCodes: codes)
            } catch let error as AuthError where error.code == .reauthenticationRequired {
                return try await accountPage(visitor, signedIn, error: Self.reauthenticate, status: .forbidden)
            }
        }
    }

    static let reauthenticate = "This change needs a recent sign-in: sign out and in again (with your second step), then retry."

    static func require(_ visitor: Visitor) throws -> Authenticated {
        guard let auth = visitor.auth else { throw AuthError.unauthorized }
        return auth
    }

    /// The message for `?done=` after a redirect: a fixed set, never text from the URL.
    static func notice(_ request: Request) -> String? {
        let messages = [
            "session_revoked": "The device is signed out.", "sessions_revoked": "Every other device is signed out.",
            "password_changed": "Your password is changed; every other device is signed out.",
            "app_removed": "The authenticator app is removed.",
            "banned": "The user is banned and signed out everywhere.", "unbanned": "The ban is lifted.",
            "revoked": "The session is revoked.", "revoked_all": "The user is signed out everywhere.",
            "mfa_reset": "Two-step verification is reset; the user was told by mail.",
            "verification_sent": "A new verification code is on its way.",
            "passkey_added": "Your passkey is added.", "passkey_removed": "The passkey is removed.",
            "app_disconnected": "The app is disconnected and signed out.",
        ]
        return request.uri.queryParameters["done"].flatMap { messages[String($0)] }
    }

    /// The methods whose removal the account page offers, by the form route it posts to
    /// (`/ui/account/mfa/{method}/{id}/remove`).
    static let removableFactors: Set<SecondFactorMethod> = [.totp]

    /// The account page's list of second factors: each enrolment of a typed-code method that has
    /// several (an id), labelled by its method's presentation. Passkeys, a WebAuthn method, have
    /// their own section.
    func enrolledFactors(_ enrolments: [SecondFactorEnrolment]) -> [[String: Any]] {
        enrolments.compactMap { enrolment -> [String: Any]? in
            guard let id = enrolment.id, let presentation = auth.secondFactors.presentation(of: enrolment.method),
                  presentation.prompt == .typedCode
            else { return nil }
            return [
                "method": enrolment.method.rawValue, "id": id, "label": presentation.label, "name": enrolment.name ?? "",
                "created": enrolment.createdAt.map(Self.time) ?? "", "removable": Self.removableFactors.contains(enrolment.method),
            ]
        }
    }

    func accountPage(
        _ visitor: Visitor, _ signedIn: Authenticated, notice: String? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok, enrolment: TOTPEnrolment? = nil, recoveryCodes: [String]? = nil
    ) async throws -> Response {
        var context = base(visitor, title: "Your account")
        context["notice"] = notice
        context["error"] = error
        context["sessions"] = try await auth.listSessions(signedIn).map { summary in
            var row = Self.sessionRow(summary.session)
            row["current"] = summary.primary
            return row
        }
        let status2FA = try await auth.secondFactorStatus(signedIn)
        context["mfa_enabled"] = status2FA.mfaEnabled
        context["mfa_methods"] = Array(Set(status2FA.enrolments.map(\.method.rawValue))).sorted().joined(separator: ", ")
        context["recovery_codes_left"] = status2FA.recoveryCodesLeft
        context["enrolled_factors"] = enrolledFactors(status2FA.enrolments)
        let passkeys = try await auth.passkeys.list(signedIn)
        context["has_passkeys"] = !passkeys.isEmpty
        context["passkeys"] = passkeys.map { passkey -> [String: Any] in
            [
                "id": passkey.id.description, "name": passkey.name, "created": Self.time(passkey.createdAt),
                "last_used": passkey.lastUsedAt.map(Self.time) ?? "never", "backed_up": passkey.backedUp,
            ]
        }
        context["apps"] = try await auth.openIDClients.connectedApps(of: signedIn.user.id).map { app -> [String: Any] in
            ["id": app.clientID, "name": app.name, "scopes": app.scopes.joined(separator: ", "), "since": Self.time(app.grantedAt)]
        }
        if let enrolment {
            context["enrolment"] = ["id": enrolment.id.description, "secret": enrolment.secret, "qr_svg": enrolment.qrCodeSVG]
        }
        if let recoveryCodes, !recoveryCodes.isEmpty { context["recovery_codes"] = ["codes": recoveryCodes] }
        return page("account", context, for: visitor, status: status)
    }
}
