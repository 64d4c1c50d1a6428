import AuthTokenVerifier
import Hummingbird
import HummingbirdAuth

/// The routes of a service that trusts authd's tokens: `/orders` for any signed-in user,
/// `/payments` only after a second factor proven in the last five minutes.
public func makeOrdersRouter(verifier: AuthTokenVerifier) -> Router<BasicAuthRequestContext<VerifiedToken>> {
    let router = Router(context: BasicAuthRequestContext<VerifiedToken>.self)
    router.add(middleware: AuthTokenAuthenticator(verifier: verifier))
    router.group("orders")
        .add(middleware: RequireAuthToken())
        .get { _, context in
            let token = try context.requireIdentity()
            return "orders of \(token.subject)"
        }
    router.group("payments")
        .add(middleware: RequireAuthToken(minimumAAL: 2, maximumAuthenticationAge: .seconds(300)))
        .post { _, context in "payment by \(try context.requireIdentity().subject)" }
    return router
}
