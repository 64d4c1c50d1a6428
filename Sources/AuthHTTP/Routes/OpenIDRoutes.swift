import AuthCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// authd as an OpenID Provider (docs/oidc.md), the endpoints a client calls directly: discovery,
/// `/oauth2/token`, `/oauth2/userinfo` and `/oauth2/revoke`. The browser's endpoints
/// (`/oauth2/authorize`, `/oauth2/logout`) are pages, in AuthWeb.
///
/// Errors are the API's problem+json, whose `error` member carries the RFC 6749 code
/// (`invalid_grant`, `invalid_client`, …) a client library reads.
struct OpenIDRoutes: Sendable {
    let provider: OpenIDProvider
    let support: RouteSupport
    static let logger = Logger(label: "authd.oidc")

    func register(on router: Router<AuthRequestContext>) {
        router.get(".well-known/openid-configuration") { _, _ in
            var response = try JSONBody.response(OpenIDDiscoveryBody(issuer: provider.issuer))
            response.headers[.cacheControl] = "public, max-age=300"
            return response
        }
        // No per-address limit: an app's server calls these for all of its users from one
        // address, and every credential they take (a client secret, a code, a refresh token, a
        // signed access token) is 256 bits that no rate of guessing reaches.
        let oauth = router.group("oauth2")
        oauth.post("token") { request, _ in
            let form = try await FormBody.decode(request)
            let tokens = try await provider.token(form: form, credentials: try Self.credentials(request, form: form))
            return try JSONBody.response(OpenIDTokenBody(tokens))
        }
        oauth.get("userinfo") { request, _ in try await userInfo(request, form: [:]) }
        oauth.post("userinfo") { request, _ in
            // RFC 6750 section 2.2 allows the token in a form body too.
            let form = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
                ? try await FormBody.decode(request) : [:]
            return try await userInfo(request, form: form)
        }
        oauth.post("revoke") { request, _ in
            let form = try await FormBody.decode(request)
            let client = try await provider.authenticateClient(try Self.credentials(request, form: form))
            guard let token = form["token"], !token.isEmpty else { throw AuthError.invalidRequest("the form must carry token=") }
            try await provider.revoke(token: token, client: client)
            return Response(status: .ok)
        }
    }

    private func userInfo(_ request: Request, form: [String: String]) async throws -> Response {
        let header = request.headers[.authorization]
        let token: String
        if let header, header.utf8.count <= 8192, header.lowercased().hasPrefix("bearer ") {
            token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if header == nil, let value = form["access_token"] {
            token = value
        } else {
            var response = ProblemMapper.response(for: AuthError.unauthorized, logger: Self.logger)
            response.headers[.wwwAuthenticate] = #"Bearer realm="userinfo""#
            return response
        }
        do {
            return try JSONBody.response(UserInfoBody(try await provider.userInfo(accessToken: token)))
        } catch let error as AuthError where error.code == .unauthorized {
            var response = ProblemMapper.response(for: error, logger: Self.logger)
            response.headers[.wwwAuthenticate] = #"Bearer error="invalid_token""#
            return response
        }
    }

    /// The client's credentials: HTTP Basic (`client_secret_basic`), or the form's `client_id`
    /// and `client_secret` (`client_secret_post`, or `none` without a secret). Both at once is
    /// refused (RFC 6749 section 2.3).
    static func credentials(_ request: Request, form: [String: String]) throws -> ClientCredentials {
        if let authorization = request.headers[.authorization] {
            guard form["client_secret"] == nil, let (id, secret) = IntrospectionClient.basicCredentials(authorization) else {
                throw AuthError(.invalidClient, "use one client authentication method")
            }
            if let named = form["client_id"], named != id { throw AuthError(.invalidClient, "client_id differs from the credentials") }
            return ClientCredentials(clientID: id, secret: secret)
        }
        return ClientCredentials(clientID: form["client_id"], secret: form["client_secret"])
    }
}
