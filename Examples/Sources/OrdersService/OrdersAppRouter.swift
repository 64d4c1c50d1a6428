import AuthTokenVerifier
import Hummingbird
import HummingbirdAuth

/// The API behind the Orders web app, which signs its users in through authd as an OpenID client
/// and calls this API with the access token authd gave it. Only that app's tokens are served: an
/// authd session token or another app's access token is refused like a token that does not verify.
public func makeOrdersAppRouter(
    verifier: AuthTokenVerifier, clientID: String
) -> Router<BasicAuthRequestContext<VerifiedToken>> {
    let router = Router(context: BasicAuthRequestContext<VerifiedToken>.self)
    router.add(middleware: AuthTokenAuthenticator(verifier: verifier))
    router.group("my-orders")
        .add(middleware: RequireAuthToken())
        .get { _, context in
            let token = try context.requireIdentity()
            guard token.clientID == clientID else { throw AuthTokenChallenge.unauthenticated(tokenSent: true) }
            return "orders of \(token.subject), for \(clientID)"
        }
    return router
}
