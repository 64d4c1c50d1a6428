import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// `/ui/` signed out: sign-in (then the second factor when the account has one), sign-up,
/// verification, password reset, sign-out. Every POST passes the Origin and CSRF checks and the
/// same per-IP limits as the JSON API's routes.
extension WebPages {
    func registerSignIn(on ui: RouterGroup<AuthRequestContext>) {
        ui.get("") { request, context in
            let visitor = try await visitor(request, context)
            return visitor.auth == nil ? PageRenderer.redirect("/ui/sign-in") : PageRenderer.redirect("/ui/account")
        }
        ui.get("sign-in") { request, context in
            let visitor = try await visitor(request, context)
            // `email`: an OpenID client's `login_hint`, offered in the form.
            return signInPage(
                visitor, next: request.uri.queryParameters["next"].map(String.init),
                email: request.uri.queryParameters["email"].map(String.init))
        }
        support.limited(ui, "sign-in").post("sign-in") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let next = Self.safeNext(form["next"])
            do {
                switch try await auth.signIn(email: form["email"] ?? "", password: form["password"] ?? "", client: support.client(context)) {
                case .signedIn(let session):
                    return signedIn(session, redirectTo: next)
                case .mfaRequired(let challenge):
                    return mfaPage(visitor, challenge: challenge.verificationID, methods: challenge.methods, next: next)
                }
            } catch let error as AuthError where [.invalidCredentials, .emailNotVerified, .invalidRequest].contains(error.code) {
                let message = error.code == .emailNotVerified
                    ? "Verify your email address first." : "Wrong email or password, or this account cannot sign in."
                return signInPage(visitor, next: next, email: form["email"], error: message, status: ProblemMapper.status(for: error.code))
            }
        }
        support.limited(ui, "sign-in-mfa").post("sign-in/mfa") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let next = Self.safeNext(form["next"])
            guard let id = VerificationID(uuidString: form["token_id"] ?? "") else { throw AuthError(.invalidCode, "the code is invalid") }
            let method = form["method"].flatMap { $0.isEmpty ? nil : SecondFactorMethod(rawValue: $0) }
            do {
                let session = try await auth.completeMFASignIn(
                    id: id, code: (form["code"] ?? "").trimmingCharacters(in: .whitespaces), method: method,
                    client: support.client(context))
                return signedIn(session, redirectTo: next)
            } catch let error as AuthError where error.code == .invalidCode {
                return mfaPage(visitor, challenge: id, methods: method.map { [$0] } ?? [], next: next, error: "That code is not right. Try again.")
            }
        }
        ui.get("sign-up") { request, context in
            let visitor = try await visitor(request, context)
            return page("sign_up", base(visitor, title: "Create an account", narrow: true), for: visitor)
        }
        support.limited(ui, "sign-up").post("sign-up") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            do {
                let challenge = try await auth.signUp(email: form["email"] ?? "", password: form["password"] ?? "", client: support.client(context))
                var page = base(visitor, title: "Verify your address", narrow: true)
                page["token_id"] = challenge.verificationID.description
                return self.page("verify", page, for: visitor)
            } catch let error as AuthError where error.code == .invalidRequest {
                var page = base(visitor, title: "Create an account", narrow: true)
                page["error"] = error.publicDetail ?? "Check the address and choose a password of 8 to 128 characters."
                page["form_email"] = form["email"] ?? ""
                return self.page("sign_up", page, for: visitor, status: .badRequest)
            }
        }
        support.limited(ui, "verify-email").post("verify") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            guard let id = VerificationID(uuidString: form["token_id"] ?? "") else { throw AuthError(.invalidCode, "the code is invalid") }
            do {
                let session = try await auth.verifyEmail(id: id, code: form["code"] ?? "", client: support.client(context))
                return signedIn(session, redirectTo: "/ui/account")
            } catch let error as AuthError where error.code == .invalidCode {
                var page = base(visitor, title: "Verify your address", narrow: true)
                page["token_id"] = id.description
                page["error"] = "That code is not right. Try again."
                return self.page("verify", page, for: visitor, status: .badRequest)
            }
        }
        ui.get("reset") { request, context in
            let visitor = try await visitor(request, context)
            return page("reset", base(visitor, title: "Reset your password", narrow: true), for: visitor)
        }
        support.limited(ui, "reset-request").post("reset") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let challenge = try await auth.passwordReset.request(email: form["email"] ?? "", client: support.client(context))
            var page = base(visitor, title: "Choose a new password", narrow: true)
            page["token_id"] = challenge.verificationID.description
            return self.page("reset_complete", page, for: visitor)
        }
        support.limited(ui, "reset-complete").post("reset/complete") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            guard let id = VerificationID(uuidString: form["token_id"] ?? "") else { throw AuthError(.invalidCode, "the code is invalid") }
            do {
                try await auth.passwordReset.complete(
                    id: id, code: form["code"] ?? "", newPassword: form["password"] ?? "", client: support.client(context))
            } catch let error as AuthError where [.invalidCode, .invalidRequest].contains(error.code) {
                var page = base(visitor, title: "Choose a new password", narrow: true)
                page["token_id"] = id.description
                page["error"] = error.code == .invalidCode ? "That code is not right. Try again." : (error.publicDetail ?? "Choose a password of 8 to 128 characters.")
                return self.page("reset_complete", page, for: visitor, status: .badRequest)
            }
            var page = base(visitor, title: "Sign in", narrow: true)
            page["notice"] = "Your password is set. Sign in with it."
            return self.page("sign_in", page, for: visitor)
        }
        ui.post("sign-out") { request, context in
            let visitor = try await visitor(request, context)
            if let signedIn = visitor.auth { try await auth.logout.current(signedIn, client: context.client) }
            var headers = HTTPFields()
            headers[.setCookie] = cookies.clearSession()
            return PageRenderer.redirect("/ui/sign-in", headers: headers)
        }
    }

    func signInPage(
        _ visitor: Visitor, next: String?, email: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var context = base(visitor, title: "Sign in", narrow: true)
        context["next"] = Self.safeNext(next)
        // The provider buttons carry it too: `next` percent-encoded for their query.
        context["next_query"] = Self.percentEncoded(Self.safeNext(next))
        context["form_email"] = email ?? ""
        if let error { context["error"] = error }
        // One button per configured provider, in configuration order.
        context["has_providers"] = !oauthProviders.isEmpty
        context["providers"] = oauthProviders.map { ["name": $0.name, "label": $0.label] }
        return page("sign_in", context, for: visitor, status: status)
    }

    /// The second step, rendered from the methods' own presentation (``SecondFactorPresentation``):
    /// typed-code methods share the code form, a WebAuthn method gets its button.
    /// - Parameter methods: the methods the challenge offers; empty when unknown (after a wrong
    ///   answer without a method), which offers the methods people can always answer.
    func mfaPage(
        _ visitor: Visitor, challenge: VerificationID, methods: [SecondFactorMethod], next: String, error: String? = nil
    ) -> Response {
        var context = base(visitor, title: "Second factor", narrow: true)
        context["token_id"] = challenge.description
        context["next"] = next
        let registry = auth.secondFactors
        func presentation(_ method: SecondFactorMethod) -> SecondFactorPresentation {
            registry.presentation(of: method) ?? SecondFactorPresentation(label: method.rawValue)
        }
        context["has_webauthn"] = methods.contains { presentation($0).prompt == .webAuthn }
        // A WebAuthn method is answered by its button, not typed into the code form.
        let typed = methods.filter { presentation($0).prompt == .typedCode }
        let shown = typed.isEmpty ? registry.offeredByDefault : typed
        context["methods"] = shown.map { ["value": $0.rawValue, "label": presentation($0).label] }
        context["instruction"] = "Enter " + shown.map { presentation($0).instruction }.joined(separator: ", or ") + "."
        if let error { context["error"] = error }
        return page("mfa", context, for: visitor, status: error == nil ? .ok : .badRequest)
    }
}
