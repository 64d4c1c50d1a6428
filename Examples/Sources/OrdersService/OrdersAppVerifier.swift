import AuthTokenVerifier

/// The verifier of the access tokens authd gives the Orders web app, one of its OpenID clients
/// (docs/oidc.md). By default it asks authd's introspection with the app's own client id and
/// secret: that works whatever `JWT_ALG` authd runs with, sees a sign-out at once, and authd
/// answers it about this app's tokens only. `fromJWKS` checks signatures locally instead (authd on
/// `JWT_ALG` ES256 or EdDSA); a sign-out is then seen when the token expires, within the hour.
public func makeOrdersAppVerifier(
    authd: String, clientID: String, clientSecret: String, fromJWKS: Bool = false
) async throws -> AuthTokenVerifier {
    var configuration: AuthTokenVerifier.Configuration
    if fromJWKS {
        configuration = .init(jwksURL: "\(authd)/.well-known/jwks.json")
    } else {
        configuration = .init(introspection: .init(
            url: "\(authd)/api/v1/auth/introspect", clientID: clientID, clientSecret: clientSecret))
    }
    // An app's access tokens are refused unless their client is listed.
    configuration.acceptedClients = [clientID]
    let verifier = AuthTokenVerifier(configuration: configuration)
    try await verifier.checkConfiguration()
    return verifier
}
