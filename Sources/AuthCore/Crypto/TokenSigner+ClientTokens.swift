import Foundation

extension TokenSigner {
    /// Signs an OpenID client's access token, as session tokens are signed (`JWT_ALG`).
    func sign(clientToken claims: ClientAccessToken) async throws -> String {
        try await sign(claims)
    }

    /// Verifies an OpenID client's access token: the signature, the configured algorithm, the
    /// shape and `exp`. Whether its grant and session still live is the caller's to check.
    /// - Throws: `AuthError.unauthorized` for any defect.
    func verify(clientToken token: String) async throws -> ClientAccessToken {
        guard token.utf8.count <= 4096, token.utf8.lazy.filter({ $0 == UInt8(ascii: ".") }).count == 2 else {
            throw AuthError.unauthorized
        }
        let claims: ClientAccessToken
        if let ring {
            (claims, _) = try await Self.verify(Array(token.utf8), with: ring, as: ClientAccessToken.self)
        } else {
            guard Self.header(of: Array(token.utf8))?["alg"] as? String == "HS256" else { throw AuthError.unauthorized }
            do {
                claims = try await keys.verify(token, as: ClientAccessToken.self)
            } catch {
                throw AuthError.unauthorized
            }
        }
        guard Double(claims.exp) > clock.now.timeIntervalSince1970 else { throw AuthError.unauthorized }
        return claims
    }
}
