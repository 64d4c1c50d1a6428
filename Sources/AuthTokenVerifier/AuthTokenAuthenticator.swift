import Hummingbird
import HummingbirdAuth

/// hummingbird-auth's authenticator for authd's tokens: verifies the `Authorization: Bearer`
/// token with an ``AuthTokenVerifier`` and makes the ``VerifiedToken`` the context's `identity`.
///
/// Like every hummingbird-auth authenticator it only identifies: a request without a token, or
/// with one that does not verify, goes on without an identity. Put ``RequireAuthToken`` (or
/// hummingbird-auth's `IsAuthenticatedMiddleware`) in front of routes that need one. When authd
/// cannot be asked it answers 503 at once, since no route could tell who is calling.
///
/// ```swift
/// let router = Router(context: BasicAuthRequestContext<VerifiedToken>.self)
/// router.add(middleware: AuthTokenAuthenticator(verifier: verifier))
/// ```
public struct AuthTokenAuthenticator<Context: AuthRequestContext>: AuthenticatorMiddleware
where Context.Identity == VerifiedToken {
    public typealias Identity = VerifiedToken

    let verifier: AuthTokenVerifier

    /// Creates the authenticator.
    public init(verifier: AuthTokenVerifier, context: Context.Type = Context.self) {
        self.verifier = verifier
    }

    public func authenticate(request: Request, context: Context) async throws -> VerifiedToken? {
        guard let token = AuthTokenChallenge.bearerToken(in: request) else { return nil }
        do {
            return try await verifier.verify(token)
        } catch AuthTokenVerifierError.invalidToken {
            return nil
        } catch {
            context.logger.error("authd's tokens cannot be checked", metadata: ["error": "\(error)"])
            throw AuthTokenChallenge.unavailable
        }
    }
}
