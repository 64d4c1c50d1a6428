import AuthCore
import HTTPTypes
import Hummingbird

extension AuthApplication {
    /// Adds the OAuth sign-in routes of `flow` to `router`, under `/api/v1/auth`:
    /// `GET /sign-in/{provider}/web?redirect_uri=&state=` (302 to the provider) and
    /// `POST /sign-in/{provider}/web/callback` with `{code, state, redirect_uri}`. With a provider
    /// named `google` these are the seed's Google paths.
    ///
    /// ```swift
    /// let router = app.buildRouter()
    /// app.registerOAuthRoutes(on: router, flow: auth.oauthSignIn(providers: …, states: …, redirectAllowlist: …))
    /// ```
    /// Both routes count against the per-IP rate limit of these settings (scopes `oauth-start`,
    /// `oauth-callback`), and answer errors through the same problem+json mapping as every route.
    public func registerOAuthRoutes(on router: Router<AuthRequestContext>, flow: OAuthSignInFlow) {
        let limits = RateLimitGuard(limiter: limiter, perIP: settings.rateLimit, perEmail: settings.emailRateLimit)
        OAuthRoutes(flow: flow, limits: limits, geo: settings.geoLocator).register(on: router.group("api/v1/auth"))
    }
}

/// The handlers of the OAuth sign-in routes: thin translations to ``OAuthSignInFlow``.
struct OAuthRoutes: Sendable {
    let flow: OAuthSignInFlow
    let limits: RateLimitGuard
    let geo: (any GeoLocator)?

    func register(on group: RouterGroup<AuthRequestContext>) {
        limited(group, "oauth-start").get("sign-in/:provider/web") { request, context in
            let provider = try context.parameters.require("provider")
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
        limited(group, "oauth-callback").post("sign-in/:provider/web/callback") { request, context in
            let provider = try context.parameters.require("provider")
            let body = try await JSONBody.decode(OAuthCallbackRequest.self, from: request)
            let client = await client(context)
            if let error = body.error {
                throw await flow.providerError(provider: provider, state: body.state, error: error, client: client)
            }
            guard let code = body.code else { throw AuthError.invalidRequest("missing field code") }
            let (callerState, result) = try await flow.complete(
                provider: provider, code: code, state: body.state, redirectURI: body.redirectURI, client: client)
            switch result {
            case .signedIn(let signedIn):
                return try JSONBody.response(OAuthSignedInResponse(state: callerState, token: signedIn.token))
            case .mfaRequired(let challenge):
                // The seed's exact body; the sign-in completes at POST /sign-in/mfa.
                return try JSONBody.response(MFARequiredResponse(challenge), status: .unauthorized)
            }
        }
    }

    private func limited(_ group: RouterGroup<AuthRequestContext>, _ scope: String) -> RouterGroup<AuthRequestContext> {
        group.group().add(middleware: RateLimitMiddleware(scope: scope, limits: limits))
    }

    /// The caller's metadata, with a location when a ``GeoLocator`` is configured.
    private func client(_ context: AuthRequestContext) async -> ClientContext {
        var client = context.client
        if let geo, !client.ip.isEmpty { client.location = await geo.locate(client.ip) }
        return client
    }
}
