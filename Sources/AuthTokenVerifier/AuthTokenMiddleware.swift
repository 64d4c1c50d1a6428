import HTTPTypes
import Hummingbird
import NIOCore

/// A request context that can carry the verified token.
public protocol AuthTokenRequestContext: RequestContext {
    /// Set by ``AuthTokenMiddleware`` before the handler runs.
    var verifiedToken: VerifiedToken? { get set }
}

/// Verifies the `Authorization: Bearer` token of every request with an ``AuthTokenVerifier`` and
/// puts the claims on the context; answers 401 (or 503 when authd cannot be asked) otherwise.
public struct AuthTokenMiddleware<Context: AuthTokenRequestContext>: RouterMiddleware {
    let verifier: AuthTokenVerifier

    /// Creates the middleware.
    public init(verifier: AuthTokenVerifier) { self.verifier = verifier }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else {
            return Self.refusal(.unauthorized)
        }
        var context = context
        do {
            context.verifiedToken = try await verifier.verify(String(value.dropFirst(7)))
        } catch AuthTokenVerifierError.unavailable {
            return Self.refusal(.serviceUnavailable)
        } catch {
            return Self.refusal(.unauthorized)
        }
        return try await next(request, context)
    }

    static func refusal(_ status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        headers[.contentType] = "application/problem+json"
        let body = #"{"type":"about:blank","title":"\#(status.reasonPhrase)","status":\#(status.code)}"#
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
