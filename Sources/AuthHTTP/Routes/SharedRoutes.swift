import AuthCore
import HTTPTypes
import Hummingbird

/// The JSON routes both API clients and the pages' script call (passkey ceremonies and the
/// second factor of a sign-in), each handler written once and mounted on both surfaces
/// (``RouteSurface``): under `/api/v1/auth` with a bearer token, under `/ui` behind the session
/// cookie. The pages have no JSON handler of their own (docs/architecture.md, "One HTTP surface").
package struct SharedRoutes: Sendable {
    /// One shared route: where it is mounted on each surface, and what guards it.
    package struct Route: Sendable, Hashable {
        package let method: HTTPRequest.Method
        /// The path under `/api/v1/auth`.
        package let path: String
        /// The path under `/ui`: the same, except where a page form already owns the API's path.
        package let pagePath: String
        /// The per-IP limit the route counts against (`nil`: none).
        let scope: String?
        /// Whether the route needs a proven session.
        let needsSession: Bool

        init(_ method: HTTPRequest.Method, _ path: String, page: String? = nil, scope: String? = nil, needsSession: Bool = false) {
            self.method = method
            self.path = path
            self.pagePath = page ?? path
            self.scope = scope
            self.needsSession = needsSession
        }
    }

    static let passkeyRegistrationOptions = Route(.post, "passkeys/register/options", needsSession: true)
    static let passkeyRegistration = Route(.post, "passkeys/register", scope: "passkey-register", needsSession: true)
    static let passkeySignInOptions = Route(.post, "sign-in/passkey/options", scope: "passkey-options")
    static let passkeySignIn = Route(.post, "sign-in/passkey", scope: "sign-in-passkey")
    static let passkeySecondFactorOptions = Route(.post, "sign-in/mfa/passkey/options", scope: "sign-in-mfa")
    /// `/ui/sign-in/mfa` is the second-factor form; the script's passkey answer comes here instead.
    static let secondFactor = Route(.post, "sign-in/mfa", page: "sign-in/mfa/passkey", scope: "sign-in-mfa")

    /// Every shared route, in the order registered.
    package static let all: [Route] = [
        passkeyRegistrationOptions, passkeyRegistration, passkeySignInOptions, passkeySignIn, passkeySecondFactorOptions,
        secondFactor,
    ]

    let auth: AuthService
    let support: RouteSupport

    /// Creates the routes over `auth`, with the shared limits and client metadata of `support`.
    package init(auth: AuthService, support: RouteSupport) {
        self.auth = auth
        self.support = support
    }

    /// Mounts every route of ``all`` on `group`, answering as `surface` does.
    package func register(on group: RouterGroup<AuthRequestContext>, surface: RouteSurface) {
        mount(Self.passkeyRegistrationOptions, on: group, surface) { _, context in
            let challenge = try await auth.passkeyRegistration.options(try context.requireAuthenticated())
            return try JSONBody.response(PasskeyCreationOptionsResponse(challenge))
        }
        mount(Self.passkeyRegistration, on: group, surface) { request, context in
            let body = try await JSONBody.decode(PasskeyRegistrationRequest.self, from: request)
            let (passkey, codes) = try await auth.passkeyRegistration.finish(
                try context.requireAuthenticated(), challengeID: body.challengeID, response: body.credential, name: body.name,
                client: context.client)
            return try JSONBody.response(PasskeyRegisteredResponse(
                id: passkey.id.description, name: passkey.name, createdAt: Timestamp.format(passkey.createdAt),
                recoveryCodes: codes))
        }
        mount(Self.passkeySignInOptions, on: group, surface) { request, _ in
            let email = try await JSONBody.hasBody(request)
                ? try await JSONBody.decode(PasskeySignInOptionsRequest.self, from: request).email : nil
            return try JSONBody.response(PasskeyRequestOptionsResponse(try await auth.passkeySignIn.options(email: email)))
        }
        mount(Self.passkeySignIn, on: group, surface) { request, context in
            let body = try await JSONBody.decode(PasskeySignInRequest.self, from: request)
            // A passkey that did not verify its user (no PIN or biometrics) is refused before any
            // second-factor challenge is opened or mailed.
            let signedIn = try await auth.passkeySignIn.finish(
                challengeID: body.challengeID, response: body.credential, client: support.client(context))
            return try surface.signedIn(signedIn, body.next)
        }
        mount(Self.passkeySecondFactorOptions, on: group, surface) { request, _ in
            let body = try await JSONBody.decode(PasskeySecondFactorOptionsRequest.self, from: request)
            let challenge = try await auth.passkeySignIn.secondFactorOptions(id: try .fromRequest(body.tokenID))
            return try JSONBody.response(PasskeyRequestOptionsResponse(challenge))
        }
        mount(Self.secondFactor, on: group, surface) { request, context in
            let body = try await JSONBody.decode(MFACompletionRequest.self, from: request)
            let (method, answer) = try body.answer()
            let signedIn = try await auth.completeMFASignIn(
                id: try .fromRequest(body.tokenID), code: answer, method: method, client: support.client(context))
            return try surface.signedIn(signedIn, body.next)
        }
    }

    /// Registers `handler` for `route` on `group`: behind the surface's authentication when the
    /// route needs a session, then its per-IP limit, at the surface's path.
    private func mount(
        _ route: Route, on group: RouterGroup<AuthRequestContext>, _ surface: RouteSurface,
        _ handler: @escaping @Sendable (Request, AuthRequestContext) async throws -> Response
    ) {
        var target = route.needsSession ? surface.authenticated(group) : group
        if let scope = route.scope { target = support.limited(target, scope) }
        target.on(RouterPath(surface.isPages ? route.pagePath : route.path), method: route.method, use: handler)
    }
}
