import AuthCore
import AuthHTTP
import AuthTesting
import AuthTokenVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

/// A sample service of the kind that checks authd's tokens without embedding AuthCore: it runs
/// ``AuthTokenAuthenticator`` and ``RequireAuthToken`` in front of its routes, and authd (live on a
/// loopback port) publishes the JWKS and answers introspection.
@Suite("AuthTokenVerifier in a sample Hummingbird service")
struct AuthTokenVerifierTests {
    typealias SampleContext = BasicAuthRequestContext<VerifiedToken>

    /// authd's application with one introspection client.
    struct Authd {
        let clock = ManualClock(start: Date())
        let mailbox = InMemoryMailbox()
        let deps: AuthDependencies
        let auth: AuthService
        let http: AuthApplication
        static let client = IntrospectionClient(id: "orders", secret: "orders-secret-0123456789")
        static let secret = "a shared JWT secret of 32+ bytes, for HS256"

        init(algorithm: TokenAlgorithm = .es256) async throws {
            deps = AuthDependencies.inMemory(
                mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
            auth = try await AuthService(
                dependencies: deps, jwtSecret: Array(Self.secret.utf8), tokenAlgorithm: algorithm)
            var settings = AuthApplication.Settings()
            settings.introspectionClients = [Self.client]
            http = AuthApplication(auth: auth, rateLimiter: InMemoryRateLimiter(clock: clock), settings: settings)
        }

        static let device = ClientContext(ip: IPAddress("192.0.2.7"), userAgent: "test", clientName: "test")

        func signedIn(email: String = "svc-\(UUID().uuidString.prefix(6))@example.com") async throws -> SignedIn {
            let challenge = try await auth.signUp(email: email, password: "correct horse battery", client: Self.device)
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            return try await auth.verifyEmail(id: challenge.verificationID, code: code, client: Self.device)
        }

        /// A session that proved the mailed second factor (`aal` 2).
        func signedInWithSecondFactor() async throws -> SignedIn {
            let email = "mfa-\(UUID().uuidString.prefix(6))@example.com"
            let first = try await signedIn(email: email)
            _ = try await auth.setMFA(try await auth.authenticate(token: first.token), enabled: true, client: Self.device)
            guard case .mfaRequired(let challenge) = try await auth.signIn(
                email: email, password: "correct horse battery", client: Self.device)
            else { throw AuthError(.internal, "expected a second-factor challenge") }
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            return try await auth.completeMFASignIn(id: challenge.verificationID, code: code, client: Self.device)
        }
    }

    /// How the sample service checks tokens.
    enum Mode { case jwks, jwksAndIntrospection, sharedSecret, introspectionOnly }

    /// Runs `body` with authd live on a loopback port (ES256, or HS256 for the shared secret and
    /// introspection-only modes) and a sample service using a verifier in `mode`.
    func withServices(
        _ mode: Mode, now: @escaping @Sendable () -> Date = { Date() },
        _ body: @Sendable (Authd, AuthTokenVerifier, any TestClientProtocol) async throws -> Void
    ) async throws {
        let authd = try await Authd(algorithm: mode == .jwks || mode == .jwksAndIntrospection ? .es256 : .hs256)
        try await authd.http.makeApplication(host: "127.0.0.1", port: 0).test(.live) { authdClient in
            let base = "http://127.0.0.1:\(try #require(authdClient.port))"
            let introspection = AuthTokenVerifier.Introspection(
                url: "\(base)/api/v1/auth/introspect", clientID: Authd.client.id, clientSecret: Authd.client.secret,
                cacheTTL: .zero)
            let configuration: AuthTokenVerifier.Configuration = switch mode {
            case .jwks: .init(jwksURL: "\(base)/.well-known/jwks.json")
            case .jwksAndIntrospection: .init(jwksURL: "\(base)/.well-known/jwks.json", introspection: introspection)
            case .sharedSecret: .init(jwtSecret: Authd.secret)
            case .introspectionOnly: .init(introspection: introspection)
            }
            let verifier = AuthTokenVerifier(configuration: configuration, now: now)
            try await verifier.checkConfiguration()
            let router = Router(context: SampleContext.self)
            router.add(middleware: AuthTokenAuthenticator(verifier: verifier))
            router.group("orders").add(middleware: RequireAuthToken()).get { _, context in
                let token = try context.requireIdentity()
                return "orders of \(token.subject) at aal \(token.aal)"
            }
            router.group("payments").add(middleware: RequireAuthToken(minimumAAL: 2)).get { _, _ in "payments" }
            router.group("settings").add(middleware: RequireAuthToken(maximumAuthenticationAge: .seconds(300), now: now))
                .get { _, _ in "settings" }
            router.get("public") { _, context in "hello \(context.identity?.subject ?? "stranger")" }
            try await Application(router: router).test(.router) { sample in
                try await body(authd, verifier, sample)
            }
        }
    }

    static func get(_ client: any TestClientProtocol, _ path: String = "/orders", token: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
    }

    @Test func aGoodTokenIsAcceptedAndItsClaimsReachTheHandler() async throws {
        try await withServices(.jwks) { authd, _, sample in
            let signedIn = try await authd.signedIn()
            let response = try await Self.get(sample, token: signedIn.token)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "orders of \(signedIn.user.id) at aal 1")
        }
    }

    @Test func forgedExpiredAndWrongKidTokensAreRefused() async throws {
        try await withServices(.jwks) { authd, verifier, sample in
            let signedIn = try await authd.signedIn()
            let parts = signedIn.token.split(separator: ".").map(String.init)
            // Another authd's key, and this authd's token with its signature or header tampered.
            let stranger = try await Authd().signedIn().token
            let header = try JSONSerialization.jsonObject(with: Self.decode(parts[0])) as? [String: Any] ?? [:]
            var wrongKid = header
            wrongKid["kid"] = "no-such-key"
            var noKid = header
            noKid["kid"] = nil
            let refused = [
                stranger,
                parts[0] + "." + parts[1] + "." + String(parts[2].reversed()),
                try Self.encode(wrongKid) + "." + parts[1] + "." + parts[2],
                try Self.encode(noKid) + "." + parts[1] + "." + parts[2],
                "not.a.token",
            ]
            for token in refused {
                #expect(try await Self.get(sample, token: token).status == .unauthorized)
                await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(token) }
            }
            #expect(try await Self.get(sample, token: nil).status == .unauthorized)
        }
        // Expired: a verifier whose clock is past the token's expiry.
        try await withServices(.jwks, now: { Date().addingTimeInterval(8 * 86_400) }) { authd, verifier, _ in
            let signedIn = try await authd.signedIn()
            await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(signedIn.token) }
        }
    }

    @Test func withIntrospectionASessionRevokedAMomentAgoIsRefused() async throws {
        try await withServices(.jwksAndIntrospection) { authd, _, sample in
            let signedIn = try await authd.signedIn()
            #expect(try await Self.get(sample, token: signedIn.token).status == .ok)
            try await authd.auth.logout.current(try await authd.auth.authenticate(token: signedIn.token), client: ClientContext())
            #expect(try await Self.get(sample, token: signedIn.token).status == .unauthorized)
        }
    }

    @Test func anAuthdOutageKeepsTheLastGoodKeysInsteadOfFailingEveryRequest() async throws {
        let authd = try await Authd()
        let offset = OffsetClock()
        let holder = VerifierHolder()
        let token = try await authd.http.makeApplication(host: "127.0.0.1", port: 0).test(.live) { client in
            let verifier = AuthTokenVerifier(
                configuration: .init(jwksURL: "http://127.0.0.1:\(try #require(client.port))/.well-known/jwks.json"),
                now: { offset.now })
            holder.verifier = verifier
            let signedIn = try await authd.signedIn()
            _ = try await verifier.verify(signedIn.token)
            return signedIn.token
        }
        // authd is gone and the cached JWKS is past its max-age: the last good keys still verify.
        offset.advance(seconds: 400)
        let verifier = try #require(holder.verifier)
        #expect(try await verifier.verify(token).aal == 1)
        // A verifier that never had keys cannot verify at all.
        let fresh = AuthTokenVerifier(configuration: .init(jwksURL: "http://127.0.0.1:1/.well-known/jwks.json"))
        await #expect(throws: AuthTokenVerifierError.unavailable) { try await fresh.verify(token) }
    }

    /// An app's tokens from authd as an OpenID Provider (docs/oidc.md): its access token and its
    /// ID token (ES256 here, signed by the same keys as the session tokens).
    func appTokens(_ authd: Authd) async throws -> (access: String, idToken: String, clientID: String) {
        let signedIn = try await authd.signedIn()
        let browser = try await authd.auth.authenticate(token: signedIn.token)
        let app = try await authd.auth.openIDClients.add(.init(
            name: "Orders", redirectURIs: ["https://orders.example.com/cb"], isFirstParty: true, idTokenAlgorithm: .es256))
        let outcome = try await authd.auth.openID.authorize(parameters: [
            "response_type": "code", "client_id": app.client.id, "redirect_uri": "https://orders.example.com/cb",
            "scope": "openid email",
        ], browser: browser)
        guard case .redirect(let location) = outcome else { throw AuthError(.internal, "expected a code, got \(outcome)") }
        let code = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "code" }?.value)
        let tokens = try await authd.auth.openID.token(
            form: ["grant_type": "authorization_code", "code": code, "redirect_uri": "https://orders.example.com/cb"],
            credentials: ClientCredentials(clientID: app.client.id, secret: app.secret))
        return (tokens.accessToken, tokens.idToken, app.client.id)
    }

    @Test func anAppsAccessTokenIsRefusedUnlessItsClientIsAcceptedAndAnIDTokenAlways() async throws {
        try await withServices(.jwks) { authd, verifier, _ in
            let app = try await appTokens(authd)
            await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(app.access) }
            await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(app.idToken) }

            var configuration = verifier.configuration
            configuration.acceptedClients = [app.clientID]
            let accepting = AuthTokenVerifier(configuration: configuration)
            let verified = try await accepting.verify(app.access)
            #expect(verified.clientID == app.clientID)
            #expect(verified.scopes == ["openid", "email"])
            await #expect(throws: AuthTokenVerifierError.invalidToken) { try await accepting.verify(app.idToken) }
        }
    }

    @Test func anHS256AuthdIsVerifiedWithItsSharedSecret() async throws {
        try await withServices(.sharedSecret) { authd, verifier, sample in
            let signedIn = try await authd.signedIn()
            let response = try await Self.get(sample, token: signedIn.token)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "orders of \(signedIn.user.id) at aal 1")
            // A token that names another algorithm, or was signed with another secret, is refused.
            let parts = signedIn.token.split(separator: ".").map(String.init)
            let otherAlg = try Self.encode(["alg": "HS512", "typ": "JWT"]) + "." + parts[1] + "." + parts[2]
            let otherSecret = try await AuthService(
                dependencies: .inMemory(), jwtSecret: Array("another secret, also 32 bytes long".utf8))
            let stranger = try await otherSecret.tokens.sign(signedIn.session)
            for token in [otherAlg, stranger] {
                await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(token) }
            }
        }
    }

    @Test func introspectionAloneNeedsNoKeyAndSeesRevocationAtOnce() async throws {
        try await withServices(.introspectionOnly) { authd, verifier, sample in
            let signedIn = try await authd.signedIn()
            #expect(try await Self.get(sample, token: signedIn.token).status == .ok)
            let claims = try await verifier.verify(signedIn.token)
            #expect(claims.subject == signedIn.user.id.description)
            #expect(claims.sessionID == signedIn.session.id.description)
            try await authd.auth.logout.current(try await authd.auth.authenticate(token: signedIn.token))
            #expect(try await Self.get(sample, token: signedIn.token).status == .unauthorized)
        }
    }

    @Test func aJWKSVerifierPointedAtAnHS256AuthdFailsAtStartUp() async throws {
        let authd = try await Authd(algorithm: .hs256)
        try await authd.http.makeApplication(host: "127.0.0.1", port: 0).test(.live) { client in
            let jwks = "http://127.0.0.1:\(try #require(client.port))/.well-known/jwks.json"
            let verifier = AuthTokenVerifier(configuration: .init(jwksURL: jwks))
            await #expect {
                try await verifier.checkConfiguration()
            } throws: { error in
                guard case AuthTokenVerifierError.misconfigured(let reason) = error else { return false }
                return reason.contains("HS256") && reason.contains("jwtSecret")
            }
            // With introspection beside it the same verifier can work, so it starts.
            let introspecting = AuthTokenVerifier(configuration: .init(
                jwksURL: jwks, introspection: .init(url: "http://127.0.0.1:1/", clientID: "x", clientSecret: "y")))
            try await introspecting.checkConfiguration()
            // A shared secret shorter than authd accepts could never match.
            let short = AuthTokenVerifier(configuration: .init(jwtSecret: "too short"))
            await #expect(throws: AuthTokenVerifierError.misconfigured("the shared secret is shorter than authd's 32-byte minimum")) {
                try await short.checkConfiguration()
            }
        }
    }

    @Test func aRouteThatNeedsASecondFactorAsksForAStepUp() async throws {
        try await withServices(.jwks) { authd, _, sample in
            let password = try await authd.signedIn()
            let refused = try await Self.get(sample, "/payments", token: password.token)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate]?.contains(#"error="insufficient_user_authentication""#) == true)
            #expect(refused.headers[.contentType] == "application/problem+json")
            let problem = try JSONSerialization.jsonObject(with: Data(buffer: refused.body)) as? [String: Any]
            #expect(problem?["error"] as? String == "insufficient_user_authentication")

            let stepped = try await authd.signedInWithSecondFactor()
            #expect(try await Self.get(sample, "/payments", token: stepped.token).status == .ok)
        }
    }

    @Test func aRouteThatNeedsARecentSignInRefusesAnOldOne() async throws {
        let offset = OffsetClock()
        try await withServices(.jwks, now: { offset.now }) { authd, _, sample in
            let signedIn = try await authd.signedIn()
            #expect(try await Self.get(sample, "/settings", token: signedIn.token).status == .ok)
            offset.advance(seconds: 301)
            let refused = try await Self.get(sample, "/settings", token: signedIn.token)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate]?.contains(#"max_age="300""#) == true)
            // Routes without the age rule still serve the token.
            #expect(try await Self.get(sample, "/orders", token: signedIn.token).status == .ok)
        }
    }

    @Test func noTokenAndABadTokenAreToldApartInTheChallenge() async throws {
        try await withServices(.jwks) { _, _, sample in
            let none = try await Self.get(sample, token: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            let bad = try await Self.get(sample, token: "not.a.token")
            #expect(bad.status == .unauthorized)
            #expect(bad.headers[.wwwAuthenticate]?.hasPrefix(#"Bearer error="invalid_token""#) == true)
            // An open route serves both, as a stranger.
            #expect(String(buffer: try await Self.get(sample, "/public", token: "not.a.token").body) == "hello stranger")
        }
    }

    @Test func theReasonForARefusalIsLoggedAtDebugLevelOnly() async throws {
        let capture = RefusalLog()
        let logger = Logger(label: "verifier") { _ in RefusalLog.Handler(capture: capture) }
        let verifier = AuthTokenVerifier(configuration: .init(jwtSecret: Authd.secret), logger: logger)
        let es256Header = try Self.encode(["alg": "ES256", "typ": "JWT"])
        await #expect(throws: AuthTokenVerifierError.invalidToken) { try await verifier.verify(es256Header + ".e30.c2ln") }
        let records = capture.records
        #expect(records.count == 1)
        #expect(records.first?.level == .debug)
        #expect(records.first?.reason.contains("alg ES256 is not HS256") == true)
    }

    static func decode(_ part: String) -> Data {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text) ?? Data()
    }

    static func encode(_ object: [String: Any]) throws -> String {
        try JSONSerialization.data(withJSONObject: object).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Real time plus an offset the test moves.
final class OffsetClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

/// Carries the verifier out of the live-server closure.
final class VerifierHolder: Sendable {
    private let stored = Mutex<AuthTokenVerifier?>(nil)
    var verifier: AuthTokenVerifier? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// Collects what a verifier logs: each record's level and its `reason`.
final class RefusalLog: Sendable {
    private let stored = Mutex<[(level: Logger.Level, reason: String)]>([])
    var records: [(level: Logger.Level, reason: String)] { stored.withLock { $0 } }

    struct Handler: LogHandler {
        let capture: RefusalLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let reason = event.metadata?["reason"].map { "\($0)" } ?? "\(event.message)"
            capture.stored.withLock { $0.append((event.level, reason)) }
        }
    }
}
