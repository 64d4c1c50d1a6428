import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore

/// Verifies authd's session tokens in a Swift service that does not embed AuthCore
/// (docs/tokens.md): the signature against authd's JWKS, and optionally the session's liveness by
/// introspection, for revocation at once.
///
/// The JWKS is cached for ``Configuration/jwksMaxAge`` and refetched early when a token names a
/// `kid` the cache lacks, at most once per ``Configuration/unknownKidRefetchInterval``. A token
/// must name a `kid` of the set and the algorithm of that key: there is no fallback to another
/// key. Introspection answers are cached for ``Introspection/cacheTTL`` per token.
public actor AuthTokenVerifier {
    /// Where authd is and how to ask it.
    public struct Configuration: Sendable {
        /// `https://auth.example.com/.well-known/jwks.json`.
        public var jwksURL: String
        /// How long a fetched JWKS is used (default 5 minutes, authd's own `max-age`).
        public var jwksMaxAge: Duration = .seconds(300)
        /// The shortest time between two refetches caused by unknown `kid`s (default 1 minute).
        public var unknownKidRefetchInterval: Duration = .seconds(60)
        /// Ask authd about each token as well (instant revocation), or `nil`.
        public var introspection: Introspection?

        /// Creates a configuration.
        public init(jwksURL: String, introspection: Introspection? = nil) {
            self.jwksURL = jwksURL
            self.introspection = introspection
        }
    }

    /// `POST /api/v1/auth/introspect` with a client of `INTROSPECTION_CLIENTS`.
    public struct Introspection: Sendable {
        public var url: String
        public var clientID: String
        public var clientSecret: String
        /// How long an answer is reused for the same token (default 2 s; zero asks every time).
        public var cacheTTL: Duration = .seconds(2)

        /// Creates the settings.
        public init(url: String, clientID: String, clientSecret: String, cacheTTL: Duration = .seconds(2)) {
            self.url = url
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.cacheTTL = cacheTTL
        }
    }

    private let configuration: Configuration
    private let httpClient: HTTPClient
    private let now: @Sendable () -> Date
    private var keys = JWTKeyCollection()
    private var kids: [String: String] = [:]  // kid → alg
    private var fetchedAt = Date.distantPast
    private var lastUnknownKidFetch = Date.distantPast
    private var answers: [String: (active: Bool, at: Date)] = [:]
    private var inflight: Task<Data, any Error>?

    /// Creates a verifier.
    /// - Parameters:
    ///   - httpClient: the client for the JWKS and introspection (default: the shared one).
    ///   - now: the clock for expiry and caches.
    public init(
        configuration: Configuration, httpClient: HTTPClient = .shared, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.now = now
    }

    /// The JWKS URL this verifier reads.
    public var configurationURL: String { configuration.jwksURL }

    /// Verifies `token`.
    /// - Throws: ``AuthTokenVerifierError/invalidToken`` for any defect;
    ///   ``AuthTokenVerifierError/unavailable`` when authd could not be asked.
    public func verify(_ token: String) async throws -> VerifiedToken {
        guard token.utf8.count <= 4096, let header = Self.header(of: token), let kid = header["kid"] as? String,
              let alg = header["alg"] as? String
        else { throw AuthTokenVerifierError.invalidToken }
        try await loadKeys(for: kid)
        // The key must be in the set and the token must name its algorithm: no default key, no
        // algorithm the key was not published for.
        guard kids[kid] == alg else { throw AuthTokenVerifierError.invalidToken }
        let claims: SessionClaims
        do {
            claims = try await keys.verify(token, as: SessionClaims.self)
        } catch {
            throw AuthTokenVerifierError.invalidToken
        }
        guard Double(claims.exp) > now().timeIntervalSince1970 else { throw AuthTokenVerifierError.invalidToken }
        if let introspection = configuration.introspection {
            guard try await isActive(token, introspection) else { throw AuthTokenVerifierError.invalidToken }
        }
        return VerifiedToken(
            subject: claims.sub, sessionID: claims.sid, expiresAt: claims.exp, issuedAt: claims.iat, aal: claims.aal ?? 1,
            amr: claims.amr ?? [])
    }

    private func loadKeys(for kid: String) async throws {
        let current = now()
        let stale = current.timeIntervalSince(fetchedAt) >= Self.seconds(configuration.jwksMaxAge)
        let unknownMayRefetch = kids[kid] == nil
            && current.timeIntervalSince(lastUnknownKidFetch) >= Self.seconds(configuration.unknownKidRefetchInterval)
        guard stale || unknownMayRefetch else { return }
        if !stale { lastUnknownKidFetch = current }
        let body: Data
        do {
            body = try await fetchJWKS()
        } catch {
            // authd unreachable: keep verifying with the last good keys and try again in 30 s,
            // rather than failing every request; only a verifier that never had keys fails.
            guard !kids.isEmpty else { throw error }
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
        let request = HTTPClientRequest(url: configuration.jwksURL)
        let task = Task { try await self.fetch(request) }
        inflight = task
        defer { inflight = nil }
        return try await task.value
    }

    private func isActive(_ token: String, _ introspection: Introspection) async throws -> Bool {
        let current = now()
        if let cached = answers[token], current.timeIntervalSince(cached.at) < Self.seconds(introspection.cacheTTL) {
            return cached.active
        }
        var request = HTTPClientRequest(url: introspection.url)
        request.method = .POST
        let credentials = Data("\(Self.formEncode(introspection.clientID)):\(Self.formEncode(introspection.clientSecret))".utf8)
        request.headers.add(name: "Authorization", value: "Basic \(credentials.base64EncodedString())")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "token=\(Self.formEncode(token))"))
        let body = try await fetch(request)
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let active = object["active"] as? Bool
        else { throw AuthTokenVerifierError.unavailable }
        if answers.count > 10_000 { answers.removeAll(keepingCapacity: true) }
        answers[token] = (active, current)
        return active
    }

    private func fetch(_ request: HTTPClientRequest) async throws -> Data {
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(5))
            guard response.status == .ok else { throw AuthTokenVerifierError.unavailable }
            return Data(buffer: try await response.body.collect(upTo: 1 << 20))
        } catch let error as AuthTokenVerifierError {
            throw error
        } catch {
            throw AuthTokenVerifierError.unavailable
        }
    }

    static func header(of token: String) -> [String: Any]? {
        guard let first = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
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
