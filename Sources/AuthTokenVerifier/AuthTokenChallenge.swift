import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What a verifier-protected route answers when it does not serve: a problem+json body with the
/// `error` code, and for 401 the `WWW-Authenticate: Bearer` challenge of RFC 6750 (and RFC 9470
/// for a step-up).
public struct AuthTokenChallenge: HTTPResponseError, Sendable, Hashable {
    /// 401 or 503.
    public let status: HTTPResponse.Status
    /// `unauthorized`, `invalid_token`, `insufficient_user_authentication` or `unavailable`.
    public let error: String
    /// Said to the client, without any detail of why a token was refused.
    public let detail: String
    /// The `max_age` (seconds) of a step-up challenge.
    public let maxAge: Int?

    /// No token, or (`tokenSent`) one that did not verify.
    public static func unauthenticated(tokenSent: Bool) -> Self {
        tokenSent
            ? Self(status: .unauthorized, error: "invalid_token", detail: "The token is not valid.", maxAge: nil)
            : Self(status: .unauthorized, error: "unauthorized", detail: "A bearer token is required.", maxAge: nil)
    }

    /// The token is good but the route needs a second factor or a more recent sign-in.
    public static func insufficientUserAuthentication(_ detail: String, maxAge: Duration?) -> Self {
        Self(
            status: .unauthorized, error: "insufficient_user_authentication", detail: detail,
            maxAge: maxAge.map { Int($0.components.seconds) })
    }

    /// authd could not be asked (its JWKS or introspection).
    public static let unavailable = Self(
        status: .serviceUnavailable, error: "unavailable", detail: "Tokens cannot be checked right now.", maxAge: nil)

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .unauthorized {
            var challenge = "Bearer"
            if error != "unauthorized" {
                challenge += #" error="\#(error)", error_description="\#(detail)""#
            }
            if let maxAge { challenge += #", max_age="\#(maxAge)""# }
            headers[.wwwAuthenticate] = challenge
        }
        let body: [String: Any] = [
            "type": "about:blank", "title": status.reasonPhrase, "status": status.code, "error": error, "detail": detail,
        ]
        let data = try JSONSerialization.data(withJSONObject: body)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The bearer token of `request` (the scheme is case-insensitive), or `nil`.
    static func bearerToken(in request: Request) -> String? {
        guard let value = request.headers[.authorization], value.count > 7,
              value.prefix(7).lowercased() == "bearer "
        else { return nil }
        return String(value.dropFirst(7))
    }
}
