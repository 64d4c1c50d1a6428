import AuthCore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What other services check tokens with (docs/tokens.md): `GET /.well-known/jwks.json` and
/// `POST /api/v1/auth/introspect` (RFC 7662).
struct TokenRoutes: Sendable {
    let auth: AuthService
    let clients: [IntrospectionClient]

    /// Registers the JWKS on `router` and introspection on `group` (`/api/v1/auth`).
    func register(on router: Router<AuthRequestContext>, group: RouterGroup<AuthRequestContext>) {
        router.get(".well-known/jwks.json") { request, _ in
            try await jwks(request)
        }
        group.post("introspect") { request, _ in
            try await introspect(request)
        }
    }

    /// The published keys, cacheable for 5 minutes (a verifier refetches on an unknown `kid`); the
    /// ETag lets a cache revalidate for free. Every algorithm's keys are in it: the session tokens'
    /// (ES256 or EdDSA; none with HS256) and the OpenID ID tokens' (RS256, and ES256 or EdDSA for
    /// clients that registered them).
    func jwks(_ request: Request) async throws -> Response {
        let keys = try await auth.keyRings.jwks()
        let body = try JSONSerialization.data(withJSONObject: ["keys": keys], options: [.sortedKeys, .withoutEscapingSlashes])
        let tag = "\"" + SHA256.hash(data: body).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=300"
        headers[.eTag] = tag
        if request.headers[.ifNoneMatch]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag }) == true {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "application/jwk-set+json"
        headers[.contentLength] = String(body.count)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// RFC 7662: `{active: false}` for anything that is not a live token of a live session and an
    /// unbanned user; the session's claims otherwise. Only registered callers (HTTP Basic) may
    /// ask: an introspection client (`INTROSPECTION_CLIENTS`) about any token, a confidential
    /// OpenID client about its own access tokens.
    func introspect(_ request: Request) async throws -> Response {
        let authorization = request.headers[.authorization]
        var openIDClient: String?
        if IntrospectionClient.authenticated(authorization, among: clients) == nil {
            guard let (id, secret) = IntrospectionClient.basicCredentials(authorization),
                  let client = try? await auth.openID.authenticateClient(ClientCredentials(clientID: id, secret: secret))
            else {
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = "Basic realm=\"introspection\""
                headers[.contentType] = "application/json"
                let body = ByteBuffer(string: #"{"error":"invalid_client"}"#)
                return Response(status: .unauthorized, headers: headers, body: .init(byteBuffer: body))
            }
            openIDClient = client.id
        }
        let form = try await Self.form(request)
        guard let token = form["token"], !token.isEmpty else {
            throw AuthError.invalidRequest("the form must carry token=")
        }
        // Any failure other than "not a live token" (a store outage) is a 503, never "inactive":
        // a caller that took it for a revocation would sign its users out.
        if openIDClient == nil {
            do {
                let found = try await auth.authenticate(token: token)
                return try JSONBody.response(IntrospectionResponse(
                    active: true, sub: found.user.id.description, sid: found.session.id.description,
                    exp: Int(found.session.expiresAt.timeIntervalSince1970),
                    iat: Int(found.session.createdAt.timeIntervalSince1970), aal: found.session.aal, amr: found.session.amr))
            } catch let error as AuthError where error.code == .unauthorized {}
        }
        guard let claims = try await auth.openID.introspect(accessToken: token),
              openIDClient == nil || openIDClient == claims.clientID
        else { return try JSONBody.response(IntrospectionResponse(active: false)) }
        var body = IntrospectionResponse(
            active: true, sub: claims.sub, sid: claims.sid, exp: claims.exp, iat: claims.iat, aal: claims.aal, amr: claims.amr)
        body.clientID = claims.clientID
        body.aud = claims.aud
        body.scope = claims.scope
        return try JSONBody.response(body)
    }

    /// The `application/x-www-form-urlencoded` body of `request`.
    static func form(_ request: Request) async throws -> [String: String] { try await FormBody.decode(request) }
}
