import AuthCore
import Crypto
import Foundation
import JWTKit
import Synchronization

/// An OpenID provider behind a fake ``HTTPFetcher``: discovery, JWKS and a token endpoint that
/// checks client authentication, the redirect URI and the PKCE verifier, and issues ES256-signed
/// id_tokens whose claims a test can bend (wrong nonce, audience, expiry, tampered signature…).
final class FakeIdentityProvider: HTTPFetcher {
    static let issuer = "https://idp.example.test"
    static let clientID = "client-1"
    static let clientSecret = "secret-1"

    /// The claims an id_token will carry; tests edit them through ``authorize(_:edit:)``.
    struct Claims: JWTPayload {
        var iss = FakeIdentityProvider.issuer
        var sub = "subject-1"
        var aud: [String] = [FakeIdentityProvider.clientID]
        var exp: Int
        var iat: Int
        var nonce: String?
        var email: String? = "ada@example.com"
        var email_verified: Bool? = true
        var picture: String? = "https://img.example.test/ada.png"
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    struct Issued {
        var claims: Claims
        var challenge: String
        var redirectURI: String
        var tamper: Bool
        var kid: String?
    }

    struct State {
        var keys: [(kid: String, key: ES256PrivateKey)] = []
        var codes: [String: Issued] = [:]
        var requests: [FetchRequest] = []
        var jwksFetches = 0
        var discoveryIssuer = FakeIdentityProvider.issuer
        var tokenStatus = 200
        /// What the token endpoint answers instead of its own answer, when set.
        var tokenAnswer: FetchResponse?
        /// What the token request throws instead of reaching the endpoint (a failed connection).
        var tokenFailure: (any Error & Sendable)?
    }

    let state = Mutex(State())
    let clock: any WallClock

    init(clock: any WallClock) {
        self.clock = clock
        rotateKey()
    }

    /// Replaces the signing key set with one fresh key; returns its kid.
    @discardableResult
    func rotateKey() -> String {
        let kid = "k-" + UUID().uuidString.prefix(8).lowercased()
        state.withLock { $0.keys = [(kid, ES256PrivateKey())] }
        return kid
    }

    func edit(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }
    var jwksFetches: Int { state.withLock { $0.jwksFetches } }
    var requests: [FetchRequest] { state.withLock { $0.requests } }

    /// Plays the consent screen for the authorisation URL `url`: returns the code the browser
    /// would bring back, with id_token claims bound to the URL's nonce unless `edit` says otherwise.
    func authorize(_ url: URL, tamper: Bool = false, kid: String?? = nil, edit: (inout Claims) -> Void = { _ in }) -> String {
        let query = Self.query(url)
        let now = Int(clock.now.timeIntervalSince1970)
        var claims = Claims(exp: now + 300, iat: now, nonce: query["nonce"])
        edit(&claims)
        let code = "code-" + UUID().uuidString
        state.withLock {
            let signingKid = kid ?? $0.keys.first?.kid
            $0.codes[code] = Issued(
                claims: claims, challenge: query["code_challenge"] ?? "", redirectURI: query["redirect_uri"] ?? "",
                tamper: tamper, kid: signingKid)
        }
        return code
    }

    func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        state.withLock { $0.requests.append(request) }
        switch (request.method, request.url.path) {
        case ("GET", "/.well-known/openid-configuration"):
            let issuer = state.withLock { $0.discoveryIssuer }
            return json([
                "issuer": issuer, "authorization_endpoint": "\(Self.issuer)/authorize",
                "token_endpoint": "\(Self.issuer)/token", "jwks_uri": "\(Self.issuer)/jwks",
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            ])
        case ("GET", "/jwks"):
            let keys = state.withLock { s in s.jwksFetches += 1; return s.keys }
            let jwks = JWKS(keys: keys.map { kid, key in
                let p = key.publicKey.parameters!
                return JWK.ecdsa(.es256, identifier: JWKIdentifier(string: kid), x: p.x, y: p.y, curve: .p256)
            })
            return FetchResponse(status: 200, body: Array(try JSONEncoder().encode(jwks)))
        case ("POST", "/token"):
            return try await token(request)
        default:
            return FetchResponse(status: 404, body: [])
        }
    }

    private func token(_ request: FetchRequest) async throws -> FetchResponse {
        let (answer, failure) = state.withLock { ($0.tokenAnswer, $0.tokenFailure) }
        if let failure { throw failure }
        if let answer { return answer }
        let form = Self.form(request.body ?? [])
        let expectedAuth = "Basic " + Data("\(Self.clientID):\(Self.clientSecret)".utf8).base64EncodedString()
        let (issued, keys, status) = state.withLock { s in
            (s.codes.removeValue(forKey: form["code"] ?? ""), s.keys, s.tokenStatus)
        }
        guard status == 200, request.headers["Authorization"] == expectedAuth, let issued,
            form["grant_type"] == "authorization_code", form["redirect_uri"] == issued.redirectURI,
            let verifier = form["code_verifier"], PKCE.challenge(for: verifier) == issued.challenge
        else { return json(["error": "invalid_grant"], status: 400) }
        let signers = JWTKeyCollection()
        let kid = issued.kid
        // No kid: the set's first key; a kid the set does not hold: some unrelated key.
        let key = kid == nil ? keys[0].key : keys.first { $0.kid == kid }?.key ?? ES256PrivateKey()
        await signers.add(ecdsa: key, kid: kid.map { JWKIdentifier(string: $0) })
        var idToken = try await signers.sign(issued.claims, kid: kid.map { JWKIdentifier(string: $0) })
        if issued.tamper {
            // Change one character inside the signature: a token the key never signed.
            var chars = Array(idToken)
            let i = chars.lastIndex(of: ".")! + 10
            chars[i] = chars[i] == "A" ? "B" : "A"
            idToken = String(chars)
        }
        return json(["access_token": "at-1", "token_type": "Bearer", "id_token": idToken])
    }

    private func json(_ object: [String: any Sendable], status: Int = 200) -> FetchResponse {
        FetchResponse(status: status, headers: ["content-type": "application/json"],
            body: Array(try! JSONSerialization.data(withJSONObject: object)))
    }

    static func query(_ url: URL) -> [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    static func form(_ body: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            out[kv[0]] = kv.count > 1 ? kv[1] : ""
        }
        return out
    }
}
