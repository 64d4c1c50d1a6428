import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import Logging
import NIOCore

/// Verifies authd's session tokens in a Swift service that does not embed AuthCore
/// (docs/tokens.md), in the mode that matches authd's `JWT_ALG`: against authd's JWKS (ES256,
/// EdDSA), with the shared `JWT_SECRET` (HS256), or by asking authd alone (introspection only).
/// Introspection can be added to either signature mode, for revocation at once.
///
/// The JWKS is cached for ``Configuration/jwksMaxAge`` and refetched early when a token names a
/// `kid` the cache lacks, at most once per ``Configuration/unknownKidRefetchInterval``. A token
/// must name a `kid` of the set and the algorithm of that key: there is no fallback to another
/// key. Introspection answers are cached for ``Introspection/cacheTTL`` per token. Every refusal
/// says why in the log at debug level; the caller only learns ``AuthTokenVerifierError/invalidToken``.
///
/// Call ``checkConfiguration()`` at start-up: it fails when this verifier could never accept a
/// token of the authd it points at (an empty JWKS, because authd signs HS256, with no other mode).
public actor AuthTokenVerifier {
    /// Where authd is and how tokens are checked.
    public nonisolated let configuration: Configuration
    private let httpClient: HTTPClient
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var hmacKeys: JWTKeyCollection?
    private var keys = JWTKeyCollection()
    private var kids: [String: String] = [:]  // kid → alg
    private var fetchedAt = Date.distantPast
    private var lastUnknownKidFetch = Date.distantPast
    private var answers: [String: (claims: SessionClaims?, at: Date)] = [:]
    private var inflight: Task<Data, any Error>?

    /// Creates a verifier.
    /// - Parameters:
    ///   - httpClient: the client for the JWKS and introspection (default: the shared one).
    ///   - logger: where refusals are explained (debug) and an unusable configuration is reported
    ///     (error).
    ///   - now: the clock for expiry and caches.
    public init(
        configuration: Configuration, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "AuthTokenVerifier"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
        self.now = now
    }

    /// Checks, once at start-up, that this verifier can accept authd's tokens at all.
    ///
    /// - JWKS mode: fetches the set; an empty set means authd signs HS256, which only a shared
    ///   secret or introspection can check.
    /// - Shared secret: the secret is at least 32 bytes, as authd requires.
    /// - Introspection: configured when it is the only mode.
    /// - Throws: ``AuthTokenVerifierError/misconfigured(_:)`` with the reason, or
    ///   ``AuthTokenVerifierError/unavailable`` when the JWKS cannot be fetched.
    public func checkConfiguration() async throws {
        switch configuration.signature {
        case .jwks(let url):
            try await loadKeys(for: nil)
            if kids.isEmpty, configuration.introspection == nil {
                let reason = "the JWKS at \(url) has no keys: authd signs HS256 (JWT_ALG), so give the verifier "
                    + "its JWT_SECRET (Configuration(jwtSecret:)) or introspection (Configuration(introspection:))"
                logger.error("\(reason)")
                throw AuthTokenVerifierError.misconfigured(reason)
            }
        case .sharedSecret(let secret):
            guard secret.bitCount >= 256 else {
                throw AuthTokenVerifierError.misconfigured("the shared secret is shorter than authd's 32-byte minimum")
            }
        case .introspectionOnly:
            guard configuration.introspection != nil else {
                throw AuthTokenVerifierError.misconfigured("introspection-only mode without introspection settings")
            }
        }
    }

    /// Verifies `token`.
    /// - Throws: ``AuthTokenVerifierError/invalidToken`` for any defect;
    ///   ``AuthTokenVerifierError/unavailable`` when authd could not be asked.
    public func verify(_ token: String) async throws -> VerifiedToken {
        guard token.utf8.count <= 4096 else { throw refusal("longer than 4096 bytes") }
        let claims: SessionClaims
        switch configuration.signature {
        case .jwks:
            claims = try await verifyWithJWKS(token)
        case .sharedSecret(let secret):
            claims = try await verifyWithSharedSecret(secret, token)
        case .introspectionOnly:
            guard let introspection = configuration.introspection else {
                throw AuthTokenVerifierError.misconfigured("introspection-only mode without introspection settings")
            }
            guard let answer = try await introspect(token, introspection) else { throw refusal("authd says it is not active") }
            claims = answer
        }
        guard Double(claims.exp) > now().timeIntervalSince1970 else { throw refusal("expired at \(claims.exp)") }
        guard !claims.isIDToken else { throw refusal("an ID token is not an access token") }
        if let client = claims.client_id, !configuration.acceptedClients.contains(client) {
            throw refusal("an access token of OpenID client \(client), which acceptedClients does not list")
        }
        if case .introspectionOnly = configuration.signature {} else if let introspection = configuration.introspection {
            guard try await introspect(token, introspection) != nil else { throw refusal("authd says it is not active") }
        }
        return claims.verified
    }

    private func verifyWithJWKS(_ token: String) async throws -> SessionClaims {
        guard let header = Self.header(of: token), let alg = header["alg"] as? String else {
            throw refusal("not a JWS with a JSON header")
        }
        guard let kid = header["kid"] as? String else {
            throw refusal("no kid in a \(alg) token: authd signs HS256 tokens without one (use a shared secret or introspection)")
        }
        try await loadKeys(for: kid)
        // The key must be in the set and the token must name its algorithm: no default key, no
        // algorithm the key was not published for.
        guard let published = kids[kid] else {
            if kids.isEmpty { logger.error("the JWKS has no keys: authd signs HS256; no token can verify (checkConfiguration())") }
            throw refusal("kid \(kid) is not in the JWKS")
        }
        guard published == alg else { throw refusal("alg \(alg) is not \(published), the algorithm of key \(kid)") }
        do {
            return try await keys.verify(token, as: SessionClaims.self)
        } catch {
            throw refusal("signature or claims did not verify: \(error)")
        }
    }

    private func verifyWithSharedSecret(_ secret: SymmetricKey, _ token: String) async throws -> SessionClaims {
        let hmacKeys = await self.hmacKeys(for: secret)
        guard let header = Self.header(of: token), let alg = header["alg"] as? String else {
            throw refusal("not a JWS with a JSON header")
        }
        // Only the algorithm authd signs with under a shared secret: a token that names another
        // is one authd never issued, whatever its MAC.
        guard alg == "HS256" else { throw refusal("alg \(alg) is not HS256") }
        do {
            return try await hmacKeys.verify(token, as: SessionClaims.self)
        } catch {
            throw refusal("signature or claims did not verify: \(error)")
        }
    }

    /// The key collection holding the shared secret, made on first use.
    private func hmacKeys(for secret: SymmetricKey) async -> JWTKeyCollection {
        if let hmacKeys { return hmacKeys }
        let collection = JWTKeyCollection()
        await collection.add(hmac: HMACKey(key: secret), digestAlgorithm: .sha256)
        hmacKeys = collection
        return collection
    }

    /// Logs why a token was refused and returns the one error callers see.
    private func refusal(_ reason: String) -> AuthTokenVerifierError {
        logger.debug("token refused", metadata: ["reason": "\(reason)"])
        return .invalidToken
    }

    /// Fetches the JWKS when the cache is stale, or when `kid` is unknown and the last such
    /// refetch is old enough.
    private func loadKeys(for kid: String?) async throws {
        let current = now()
        let stale = current.timeIntervalSince(fetchedAt) >= Self.seconds(configuration.jwksMaxAge)
        let unknownMayRefetch = kid.map { kids[$0] == nil } ?? false
            && current.timeIntervalSince(lastUnknownKidFetch) >= Self.seconds(configuration.unknownKidRefetchInterval)
        guard stale || unknownMayRefetch else { return }
        if !stale { lastUnknownKidFetch = current }
        let body: Data
        do {
            body = try await fetchJWKS()
        } catch {
            // authd unreachable: keep verifying with the last good keys and try again in 30 s,
            // rather than failing every request; only a verifier that never had keys fails.
            guard !kids.isEmpty else {
                logger.debug("JWKS unavailable", metadata: ["error": "\(error)"])
                throw error
            }
            fetchedAt = current.addingTimeInterval(30 - Self.seconds(configuration.jwksMaxAge))
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let list = object["keys"] as? [[String: Any]]
        else { throw AuthTokenVerifierError.unavailable }
        let fresh = JWTKeyCollection()
        var freshKids: [String: String] = [:]
        for jwk in list {
            // Only the key types authd publishes: EC P-256 for ES256, OKP Ed25519 for EdDSA.
            guard let kid = jwk["kid"] as? String, let alg = jwk["alg"] as? String,
                  (jwk["kty"] as? String, alg) == ("EC", "ES256") || (jwk["kty"] as? String, alg) == ("OKP", "EdDSA"),
                  let data = try? JSONSerialization.data(withJSONObject: jwk),
                  let decoded = try? JSONDecoder().decode(JWK.self, from: data),
                  (try? await fresh.add(jwk: decoded)) != nil
            else { continue }
            freshKids[kid] = alg
        }
        keys = fresh
        kids = freshKids
        fetchedAt = current
    }

    /// One JWKS request at a time: concurrent verifications wait for the same answer.
    private func fetchJWKS() async throws -> Data {
        if let inflight { return try await inflight.value }
        guard case .jwks(let url) = configuration.signature else { throw AuthTokenVerifierError.misconfigured("no JWKS URL") }
        let request = HTTPClientRequest(url: url)
        let task = Task { try await self.fetch(request) }
        inflight = task
        defer { inflight = nil }
        return try await task.value
    }

    /// authd's answer for `token`: its claims when active, `nil` when not.
    private func introspect(_ token: String, _ introspection: Introspection) async throws -> SessionClaims? {
        let current = now()
        if let cached = answers[token], current.timeIntervalSince(cached.at) < Self.seconds(introspection.cacheTTL) {
            return cached.claims
        }
        var request = HTTPClientRequest(url: introspection.url)
        request.method = .POST
        let credentials = Data("\(Self.formEncode(introspection.clientID)):\(Self.formEncode(introspection.clientSecret))".utf8)
        request.headers.add(name: "Authorization", value: "Basic \(credentials.base64EncodedString())")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "token=\(Self.formEncode(token))"))
        let body = try await fetch(request)
        guard let answer = try? JSONDecoder().decode(IntrospectionAnswer.self, from: body) else {
            throw AuthTokenVerifierError.unavailable
        }
        let claims = answer.active ? answer.claims : nil
        if answer.active, claims == nil { throw AuthTokenVerifierError.unavailable }
        if answers.count > 10_000 { answers.removeAll(keepingCapacity: true) }
        answers[token] = (claims, current)
        return claims
    }

    private func fetch(_ request: HTTPClientRequest) async throws -> Data {
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(5))
            guard response.status == .ok else {
                logger.debug("authd answered \(response.status.code)", metadata: ["url": "\(request.url)"])
                throw AuthTokenVerifierError.unavailable
            }
            return Data(buffer: try await response.body.collect(upTo: 1 << 20))
        } catch let error as AuthTokenVerifierError {
            throw error
        } catch {
            logger.debug("authd could not be asked", metadata: ["url": "\(request.url)", "error": "\(error)"])
            throw AuthTokenVerifierError.unavailable
        }
    }

    static func header(of token: String) -> [String: Any]? {
        guard token.utf8.lazy.filter({ $0 == UInt8(ascii: ".") }).count == 2,
              let first = token.split(separator: ".", omittingEmptySubsequences: false).first
        else { return nil }
        var text = first.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// authd's RFC 7662 answer: `{"active": false}`, or the token's claims.
private struct IntrospectionAnswer: Decodable {
    var active: Bool
    var sub: String?
    var sid: String?
    var iat: Int?
    var exp: Int?
    var amr: [String]?
    var aal: Int?
    var auth_time: Int?
    var client_id: String?
    var aud: String?
    var scope: String?

    var claims: SessionClaims? {
        guard let sub, let sid, let iat, let exp else { return nil }
        return SessionClaims(
            sub: sub, sid: sid, iat: iat, exp: exp, amr: amr, aal: aal, auth_time: auth_time, client_id: client_id, aud: aud,
            scope: scope)
    }
}
