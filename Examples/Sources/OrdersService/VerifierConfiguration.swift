import AuthTokenVerifier
import Foundation

/// The verifier for the `JWT_ALG` authd runs with, from this service's environment.
public func makeVerifier(authd: String, environment: [String: String]) async throws -> AuthTokenVerifier {
    let introspection = environment["INTROSPECTION_SECRET"].map { secret in
        AuthTokenVerifier.Introspection(  // optional: revocation seen at once, one call per token per cacheTTL
            url: "\(authd)/api/v1/auth/introspect", clientID: "orders", clientSecret: secret)
    }
    let configuration: AuthTokenVerifier.Configuration
    if let secret = environment["JWT_SECRET"] {
        configuration = .init(jwtSecret: secret, introspection: introspection)  // JWT_ALG=HS256 (the default)
    } else {
        configuration = .init(jwksURL: "\(authd)/.well-known/jwks.json", introspection: introspection)  // ES256, EdDSA
    }
    let verifier = AuthTokenVerifier(configuration: configuration)
    try await verifier.checkConfiguration()  // fails at start-up if no token could ever verify
    return verifier
}
