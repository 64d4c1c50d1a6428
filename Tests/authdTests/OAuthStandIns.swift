import Crypto
import Foundation
import Synchronization

/// The providers ``OAuthBinaryTests`` points authd at: GitHub (as an Enterprise base URL) and Apple
/// (as an issuer), each a ``StandInServer`` that checks what authd sends as the real one would.
enum OAuthStandIns {
    /// Codes handed out at "consent": what the token endpoint must see with them.
    final class Codes: Sendable {
        struct Grant: Sendable {
            var challenge: String
            var nonce: String?
            var sub: String
            var email: String
        }
        let grants = Mutex([String: Grant]())
        /// Access tokens handed out, with the grant they stand for.
        let tokens = Mutex([String: Grant]())
        /// Every refusal, so a test can say why the sign-in failed.
        let refusals = Mutex([String]())

        func issue(_ grant: Grant) -> String {
            let code = "code-" + UUID().uuidString
            grants.withLock { $0[code] = grant }
            return code
        }

        /// Takes the grant of `code` (single use) when `verifier` matches its PKCE challenge.
        func redeem(_ code: String?, verifier: String?) -> Grant? {
            guard let code, let grant = grants.withLock({ $0.removeValue(forKey: code) }) else { return refuse("unknown code") }
            guard let verifier, base64URL(SHA256.hash(data: Data(verifier.utf8))) == grant.challenge else { return refuse("PKCE") }
            return grant
        }

        func refuse<T>(_ why: String) -> T? {
            refusals.withLock { $0.append(why) }
            return nil
        }
    }

    /// GitHub's token endpoint and `/user`, `/user/emails` under an Enterprise base (`/api/v3`).
    static func gitHub(codes: Codes, clientID: String, secret: String) throws -> StandInServer {
        try StandInServer { request in
            switch (request.method, request.path) {
            case ("POST", "/login/oauth/access_token"):
                let form = request.form
                guard form["client_id"] == clientID, form["client_secret"] == secret,
                      let grant = codes.redeem(form["code"], verifier: form["code_verifier"])
                else { return .json(["error": "bad_verification_code"]) }
                let token = "gho_" + UUID().uuidString
                codes.tokens.withLock { $0[token] = grant }
                return .json(["access_token": token, "token_type": "bearer", "scope": "read:user,user:email"])
            case ("GET", "/api/v3/user"), ("GET", "/api/v3/user/emails"):
                let token = String((request.headers["authorization"] ?? "").dropFirst("Bearer ".count))
                guard let grant = codes.tokens.withLock({ $0[token] }) else { return .json(["message": "Bad credentials"], status: 401) }
                if request.path == "/api/v3/user" { return .json(["id": Int(grant.sub) ?? 0, "login": "octo"]) }
                return .json([["email": grant.email, "primary": true, "verified": true, "visibility": "private"]])
            default:
                return .json(["message": "Not Found"], status: 404)
            }
        }
    }

    /// The Apple client-secret checks, as Apple's token endpoint makes them.
    struct AppleClient: Sendable {
        var teamID: String
        var keyID: String
        var clientID: String
        var teamKey: P256.Signing.PublicKey
    }

    /// Apple: discovery, keys, and a token endpoint that accepts only a client secret that is an
    /// ES256 JWT of the team's key (`kid`, `iss` = team, `sub` = client, `aud` = issuer, live `exp`)
    /// and answers with an ES256 id_token whose `email_verified` is the string `"true"`.
    static func apple(codes: Codes, client: AppleClient, signer: P256.Signing.PrivateKey) throws -> StandInServer {
        let issuer = Mutex("")
        let server = try StandInServer { request in
            let base = issuer.withLock { $0 }
            switch (request.method, request.path) {
            case ("GET", "/.well-known/openid-configuration"):
                return .json([
                    "issuer": base, "authorization_endpoint": base + "/auth/authorize", "token_endpoint": base + "/auth/token",
                    "jwks_uri": base + "/auth/keys", "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "response_modes_supported": ["query", "fragment", "form_post"],
                ])
            case ("GET", "/auth/keys"):
                let raw = signer.publicKey.rawRepresentation
                return .json(["keys": [[
                    "kty": "EC", "crv": "P-256", "kid": "stand-in-1", "use": "sig", "alg": "ES256",
                    "x": base64URL(raw.prefix(32)), "y": base64URL(raw.suffix(32)),
                ]]])
            case ("POST", "/auth/token"):
                let form = request.form
                guard form["client_id"] == client.clientID else { return codes.refuse("client_id") ?? .json(["error": "invalid_client"], status: 400) }
                if let why = checkClientSecret(form["client_secret"], client: client, audience: base) {
                    return codes.refuse(why) ?? .json(["error": "invalid_client"], status: 400)
                }
                guard let grant = codes.redeem(form["code"], verifier: form["code_verifier"]) else {
                    return .json(["error": "invalid_grant"], status: 400)
                }
                let now = Int(Date().timeIntervalSince1970)
                var claims: [String: Any] = [
                    "iss": base, "aud": client.clientID, "sub": grant.sub, "iat": now, "exp": now + 600,
                    "email": grant.email, "email_verified": "true", "is_private_email": "true",
                ]
                claims["nonce"] = grant.nonce
                let idToken = sign(header: ["alg": "ES256", "kid": "stand-in-1"], claims: claims, with: signer)
                return .json(["access_token": "a-" + grant.sub, "token_type": "Bearer", "expires_in": 3600, "id_token": idToken])
            default:
                return .json(["error": "not_found"], status: 404)
            }
        }
        issuer.withLock { $0 = server.base }
        return server
    }

    /// Why `secret` is not a client secret Apple would accept, or `nil` when it is.
    static func checkClientSecret(_ secret: String?, client: AppleClient, audience: String) -> String? {
        let parts = (secret ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = decode(parts[0]), let claimsData = decode(parts[1]), let signature = decode(parts[2]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any]
        else { return "client secret is not a JWT" }
        guard header["alg"] as? String == "ES256" else { return "alg" }
        guard header["kid"] as? String == client.keyID else { return "kid" }
        guard claims["iss"] as? String == client.teamID else { return "iss" }
        guard claims["sub"] as? String == client.clientID else { return "sub" }
        guard claims["aud"] as? String == audience else { return "aud" }
        let now = Date().timeIntervalSince1970
        guard let exp = claims["exp"] as? Double, exp > now, exp <= now + 15_777_000 else { return "exp" }
        guard let iat = claims["iat"] as? Double, iat <= now + 60 else { return "iat" }
        guard let sig = try? P256.Signing.ECDSASignature(rawRepresentation: signature),
              client.teamKey.isValidSignature(sig, for: Data((parts[0] + "." + parts[1]).utf8))
        else { return "signature" }
        return nil
    }

    static func sign(header: [String: Any], claims: [String: Any], with key: P256.Signing.PrivateKey) -> String {
        let h = base64URL(try! JSONSerialization.data(withJSONObject: header))
        let c = base64URL(try! JSONSerialization.data(withJSONObject: claims))
        let signature = try! key.signature(for: Data((h + "." + c).utf8))
        return h + "." + c + "." + base64URL(signature.rawRepresentation)
    }

    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
