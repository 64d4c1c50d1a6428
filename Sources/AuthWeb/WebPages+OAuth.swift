import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// Sign-in with a configured provider from the pages: `/ui/sign-in/{provider}` sends the browser
/// to the provider, which sends it back to `/ui/oauth/{provider}/callback` (add that URL, under
/// `PUBLIC_URL`, to `OAUTH_REDIRECT_ALLOWLIST`). The flow is the JSON API's (state, PKCE, nonce,
/// id_token checks); the pages add a binding to the browser: the caller state is the browser's
/// CSRF token, so a callback carrying someone else's code (login CSRF) is refused. A provider that
/// returns with a form POST (Apple) goes through one more same-site page (`…/callback/continue`).
extension WebPages {
    func registerOAuth(on ui: RouterGroup<AuthRequestContext>, flow: OAuthSignInFlow) {
        support.limited(ui, "oauth-start").get("sign-in/:provider") { request, context in
            let visitor = try await visitor(request, context)
            let provider = try context.pathParameter("provider")
            // Where to go afterwards (an OpenID client's pending request, say) rides in the
            // caller state, which stays on the server: the browser's binding, then `next`.
            let next = Self.safeNext(request.uri.queryParameters["next"].map(String.init))
            let url = try await flow.start(
                provider: provider, redirectURI: callbackURI(provider),
                callerState: csrf.token(seed: visitor.seed, session: nil) + "\n" + next)
            var headers = seedHeaders(visitor)
            headers[.location] = url.absoluteString
            return Response(status: .found, headers: headers)
        }
        support.limited(ui, "oauth-callback").get("oauth/:provider/callback") { request, context in
            let query = request.uri.queryParameters
            return try await completeSignIn(
                try await visitor(request, context), flow: flow, provider: try context.pathParameter("provider"), code: query["code"].map(String.init),
                state: query["state"].map(String.init), error: query["error"].map(String.init), context: context)
        }
        // A provider that answers with `response_mode=form_post` (Apple) sends the browser back
        // with a cross-site POST, which carries no SameSite=Lax cookie: the browser's binding cannot
        // be checked here, and a seed cookie set now would replace the one the sign-in is bound
        // to. So nothing is spent and no cookie is set: the page hands the fields to a same-site
        // form, whose POST comes with the cookies.
        support.limited(ui, "oauth-callback").post("oauth/:provider/callback") { request, context in
            let provider = try context.pathParameter("provider")
            let fields = try await FormBody.decode(request)
            var page = base(Visitor(auth: nil, seed: "", seedIsNew: false, isAdmin: false), title: "Signing in", narrow: true)
            page["action"] = "/ui/oauth/\(Self.percentEncoded(provider))/callback/continue"
            page["fields"] = ["code", "state", "error"].compactMap { name in fields[name].map { ["name": name, "value": $0] } }
            return renderer.response("oauth_continue", page)
        }
        support.limited(ui, "oauth-callback").post("oauth/:provider/callback/continue") { request, context in
            // The fields were posted by our own page (``CookieAuthMiddleware`` checked the Origin);
            // the sign-in's binding to this browser is checked against its cookie as on the GET callback.
            let fields = try await FormBody.decode(request)
            return try await completeSignIn(
                try await visitor(request, context), flow: flow, provider: try context.pathParameter("provider"), code: fields["code"],
                state: fields["state"], error: fields["error"], context: context)
        }
    }

    /// Completes a provider sign-in that came back to this browser with `code` and `state` (or
    /// the provider's `error`).
    func completeSignIn(
        _ visitor: Visitor, flow: OAuthSignInFlow, provider: String, code: String?, state: String?, error: String?, context: AuthRequestContext
    ) async throws -> Response {
        let state = state ?? ""
        if let error {
            throw await flow.providerError(provider: provider, state: state, error: error, client: context.client)
        }
        let (callerState, result) = try await flow.complete(
            provider: provider, code: code ?? "", state: state, redirectURI: callbackURI(provider), client: support.client(context))
        // Started by this browser? (The state was spent above either way.)
        let expected = csrf.token(seed: visitor.seed, session: nil)
        let parts = callerState.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let next = Self.safeNext(parts.count == 2 ? parts[1] : nil)
        guard !visitor.seedIsNew, ConstantTime.equals(Array(parts[0].utf8), Array(expected.utf8)) else {
            if case .signedIn(let session) = result { try await auth.logout.current(
                Authenticated(session: session.session, user: session.user), client: context.client) }
            throw AuthError(.forbidden, "this sign-in was started in another browser")
        }
        switch result {
        case .signedIn(let session):
            return signedIn(session, redirectTo: next)
        case .mfaRequired(let challenge):
            return mfaPage(visitor, challenge: challenge.verificationID, methods: challenge.methods, next: next)
        }
    }

    func callbackURI(_ provider: String) -> String {
        (settings.origins.first ?? "") + "/ui/oauth/\(Self.percentEncoded(provider))/callback"
    }
}
