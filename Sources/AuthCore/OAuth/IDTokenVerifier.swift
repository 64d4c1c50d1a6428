import Foundation
import JWTKit

/// Verifies an OpenID Connect id_token (Core section 3.1.3.7) for one client of one provider.
///
/// In order: the header's algorithm is an asymmetric one we allow (never `none` or `HS*`, which
/// would let anyone holding the public JWKS forge tokens); the `kid` names a key of the provider's
/// JWKS; the signature verifies; `aud` contains our client id and nothing untrusted (jwt-kit), and
/// `azp`, when present, is our client id; `iss` is the provider's issuer; `exp`, `nbf` and `iat` hold
/// against the injected clock with a small leeway; `nonce` is the one this sign-in sent.
struct IDTokenVerifier: Sendable {
    /// JWS algorithms accepted for id_tokens.
    static let allowedAlgorithms: Set<String> = [
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    ]

    let issuers: Set<String>
    let clientID: String
    let keys: JWKSCache
    let clock: any WallClock
    /// Tolerated clock difference with the provider (default 60 s).
    var leeway: TimeInterval = 60

    /// The verified claims of `idToken`.
    /// - Throws: `AuthError(.oauthFailed)` for any failed check (``OAuthFailure`` says which).
    func verify(_ idToken: String, nonce: String, jwksURI: URL) async throws -> OIDCIDToken {
        let header = try Self.header(of: idToken)
        guard Self.allowedAlgorithms.contains(header.alg) else { throw AuthError.oauth(.malformedIDToken) }
        let collection = try await keys.keys(for: header.kid, uri: jwksURI)
        let token: OIDCIDToken
        do {
            token = try await collection.verify(idToken, as: OIDCIDToken.self, expectedAudience: clientID)
        } catch let error as JWTError {
            switch error.errorType {
            case .signatureVerificationFailed: throw AuthError.oauth(.signature, underlying: error)
            case .claimVerificationFailure: throw AuthError.oauth(.audience, underlying: error)
            default: throw AuthError.oauth(.malformedIDToken, underlying: error)
            }
        } catch {
            throw AuthError.oauth(.malformedIDToken, underlying: error)
        }
        guard issuers.contains(token.issuer.value) else { throw AuthError.oauth(.issuer) }
        if let azp = token.authorizedParty, azp != clientID { throw AuthError.oauth(.audience) }
        let now = clock.now
        guard now < token.expires.value.addingTimeInterval(leeway) else { throw AuthError.oauth(.expired) }
        if let nbf = token.notBefore, nbf.value > now.addingTimeInterval(leeway) { throw AuthError.oauth(.expired) }
        if let iat = token.issuedAt, iat.value > now.addingTimeInterval(leeway) { throw AuthError.oauth(.expired) }
        // The nonce is no secret by now (it went through the browser); a plain comparison is fine.
        guard let tokenNonce = token.nonce, tokenNonce == nonce else { throw AuthError.oauth(.nonce) }
        guard !token.subject.value.isEmpty, token.subject.value.utf8.count <= 255 else {
            throw AuthError.oauth(.malformedIDToken)
        }
        return token
    }

    /// The JOSE header fields that select the key.
    struct Header: Decodable {
        var alg: String
        var kid: String?
    }

    static func header(of token: String) throws -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 16_384, let bytes = Base64URL.decode(parts[0]),
            let header = try? JSONDecoder().decode(Header.self, from: Data(bytes))
        else { throw AuthError.oauth(.malformedIDToken) }
        return header
    }
}
