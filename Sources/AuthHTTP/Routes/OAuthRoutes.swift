import AuthCore
import HTTPTypes
import Hummingbird

/// OAuth sign-in as an ``AuthFeature``: under `/api/v1/auth`,
/// `GET /sign-in/{provider}/web?redirect_uri=&state=` (302 to the provider) and
/// `POST /sign-in/{provider}/web/callback` with `{code, state, redirect_uri}` (JSON, or the
/// provider's `form_post` form). With a provider named `google` these are the seed's Google paths.
///
/// ```swift
/// let oauth = OAuthFeature(flow: auth.oauthSignIn(providers: …, states: …, redirectAllowlist: …))
/// let app = AuthApplication(auth: auth, rateLimiter: limiter, features: [oauth])
/// ```
/// Both routes count against the per-IP rate limit (scopes `oauth-start`, `oauth-callback`), and
/// answer errors through the same problem+json mapping as every route.
public struct OAuthFeature: AuthFeature {
    let flow: OAuthSignInFlow

    /// Creates the feature for `flow`.
    public init(flow: OAuthSignInFlow) { self.flow = flow }

    public func register(on router: Router<AuthRequestContext>, support: RouteSupport) {
        OAuthRoutes(flow: flow, support: support).register(on: router.group("api/v1/auth"))
    }
}

/// The handlers of the OAuth sign-in routes: thin translations to ``OAuthSignInFlow``.
struct OAuthRoutes: Sendable {
    let flow: OAuthSignInFlow
    let support: RouteSupport

    func register(on group: RouterGroup<AuthRequestContext>) {
        support.limited(group, "oauth-start").get("sign-in/:provider/web") { request, context in
            let provider = try context.pathParameter("provider")
            let query = request.uri.queryParameters
            guard let redirectURI = query["redirect_uri"].map(String.init), !redirectURI.isEmpty else {
                throw AuthError.invalidRequest("missing query parameter redirect_uri")
            }
            let url = try await flow.start(
                provider: provider, redirectURI: redirectURI, callerState: query["state"].map(String.init) ?? "")
            var headers = HTTPFields()
            headers[.location] = url.absoluteString
            headers[.cacheControl] = "no-store"
            return Response(status: .found, headers: headers)
        }
        support.limited(group, "oauth-callback").post("sign-in/:provider/web/callback") { request, context in
            let provider = try context.pathParameter("provider")
            // JSON from the app (the seed's body), or the provider's own form_post (Apple).
            let body = FormBody.isForm(request)
                ? try OAuthCallbackRequest(form: try await FormBody.decode(request))
                : try await JSONBody.decode(OAuthCallbackRequest.self, from: request)
            let client = await support.client(context)
            if let error = body.error {
                throw await flow.providerError(provider: provider, state: body.state, error: error, client: client)
            }
            guard let code = body.code else { throw AuthError.invalidRequest("missing field code") }
            let (callerState, result) = try await flow.complete(
                provider: provider, code: code, state: body.state, redirectURI: body.redirectURI, client: client)
            switch result {
            case .signedIn(let signedIn):
                return try JSONBody.response(OAuthSignedInResponse(state: callerState, signedIn: signedIn, name: body.name))
            case .mfaRequired(let challenge):
                // The seed's exact body; the sign-in completes at POST /sign-in/mfa.
                return try JSONBody.response(MFARequiredResponse(challenge), status: .unauthorized)
            }
        }
    }
}
