import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// Sign-in with a configured provider from the pages: `/ui/sign-in/{provider}` sends the browser
/// to the provider, which sends it back to `/ui/oauth/{provider}/callback` (add that URL, under
/// `PUBLIC_URL`, to `OAUTH_REDIRECT_ALLOWLIST`). The flow is the JSON API's (state, PKCE, nonce,
/// id_token checks); the pages add a binding to the browser: the caller state is the browser's
/// CSRF token, so a callback carrying someone else's code (login CSRF) is refused.
extension WebPages {
    func registerOAuth(on ui: RouterGroup<AuthRequestContext>, flow: OAuthSignInFlow) {
        support.limited(ui, "oauth-start").get("sign-in/:provider") { request, context in
            let visitor = try await visitor(request, context)
            let provider = try context.pathParameter("provider")
            let url = try await flow.start(
                provider: provider, redirectURI: callbackURI(provider),
                callerState: csrf.token(seed: visitor.seed, session: nil))
            var headers = seedHeaders(visitor)
            headers[.location] = url.absoluteString
            return Response(status: .found, headers: headers)
        }
        support.limited(ui, "oauth-callback").get("oauth/:provider/callback") { request, context in
            let visitor = try await visitor(request, context)
            let provider = try context.pathParameter("provider")
            let query = request.uri.queryParameters
            let state = query["state"].map(String.init) ?? ""
            if let error = query["error"] {
                throw await flow.providerError(provider: provider, state: state, error: String(error), client: context.client)
            }
            let (callerState, result) = try await flow.complete(
                provider: provider, code: query["code"].map(String.init) ?? "", state: state,
                redirectURI: callbackURI(provider), client: support.client(context))
            // Started by this browser? (The state was spent above either way.)
            let expected = csrf.token(seed: visitor.seed, session: nil)
            guard !visitor.seedIsNew, ConstantTime.equals(Array(callerState.utf8), Array(expected.utf8)) else {
                if case .signedIn(let session) = result { try await auth.logout.current(
                    Authenticated(session: session.session, user: session.user), client: context.client) }
                throw AuthError(.forbidden, "this sign-in was started in another browser")
            }
            switch result {
            case .signedIn(let session):
                return signedIn(session, redirectTo: "/ui/account")
            case .mfaRequired(let challenge):
                return mfaPage(visitor, challenge: challenge.verificationID, methods: challenge.methods, next: "/ui/account")
            }
        }
    }

    func callbackURI(_ provider: String) -> String {
        (settings.origins.first ?? "") + "/ui/oauth/\(Self.percentEncoded(provider))/callback"
    }
}
