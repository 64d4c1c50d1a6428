import AuthCore
import AuthHTTP
import AuthTesting
import AuthTokenVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A sample service of the kind that checks authd's tokens without embedding AuthCore: it runs
/// ``AuthTokenMiddleware`` in front of one route, and authd (ES256, live on a loopback port)
/// publishes the JWKS and answers introspection.
@Suite("AuthTokenVerifier in a sample Hummingbird service")
struct AuthTokenVerifierTests {
    struct SampleContext: AuthTokenRequestContext {
        var coreContext: CoreRequestContextStorage
        var verifiedToken: VerifiedToken?
        init(source: Source) {
            coreContext = .init(source: source)
            verifiedToken = nil
        }
    }

    /// authd's application, ES256, with one introspection client.
    struct Authd {
        let clock = ManualClock(start: Date())
        let mailbox = InMemoryMailbox()
        let deps: AuthDependencies
        let auth: AuthService
        let http: AuthApplication
        static let client = IntrospectionClient(id: "orders", secret: "orders-secret-0123456789")

        init(algorithm: TokenAlgorithm = .es256) async throws {
            deps = AuthDependencies.inMemory(
                mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
            auth = try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
                tokenAlgorithm: algorithm)
            var settings = AuthApplication.Settings()
            settings.introspectionClients = [Self.client]
            http = AuthApplication(auth: auth, rateLimiter: InMemoryRateLimiter(clock: clock), settings: settings)
        }

        func signedIn() async throws -> SignedIn {
            let client = ClientContext(ip: IPAddress("192.0.2.7"), userAgent: "test", clientName: "test")
            let email = "svc-\(UUID().uuidString.prefix(6))@example.com"
            let challenge = try await auth.signUp(email: email, password: "correct horse battery", client: client)
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            return try await auth.verifyEmail(id: challenge.verificationID, code: code, client: client)
        }
    }

    /// Runs `body` with authd live on a loopback port and a sample service using a verifier.
    func withServices(
        introspect: Bool, _ body: @Sendable (Authd, AuthTokenVerifier, any TestClientProtocol) async throws -> Void
    ) async throws {
        let authd = try await Authd()
        try await authd.http.makeApplication(host: "127.0.0.1", port: 0).test(.live) { authdClient in
            let base = "http://127.0.0.1:\(try #require(authdClient.port))"
            var configuration = AuthTokenVerifier.Configuration(jwksURL: "\(base)/.well-known/jwks.json")
            if introspect {
                configuration.introspection = .init(
                    url: "\(base)/api/v1/auth/introspect", clientID: Authd.client.id, clientSecret: Authd.client.secret,
                    cacheTTL: .zero)
            }
            let verifier = AuthTokenVerifier(configuration: configuration)
            let router = Router(context: SampleContext.self)
            router.add(middleware: AuthTokenMiddleware<SampleContext>(verifier: verifier))
            router.get("orders") { _, context in
                "orders of \(context.verifiedToken?.subject ?? "nobody") at aal \(context.verifiedToken?.aal ?? 0)"
            }
            try await Application(router: router).test(.router) { sample in
                try await body(authd, verifier, sample)
            }
        }
    }

    static func get(_ client: any TestClientProtocol, token: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.executeRequest(uri: "/orders", method: .get, headers: headers, body: nil)
    }

    @Test func aGoodTokenIsAcceptedAndItsClaimsReachTheHandler() async throws {
        try await withServices(introspect: false) { authd, _, sample in
            let signedIn = try await authd.signedIn()
            let response = try await Self.get(sample, token: signedIn.token)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "orders of \(signedIn.user.id) at aal 1")
        }
    }

    @Test func forgedExpiredAndWrongKidTokensAreRefused() async throws {
        try await withServices(introspect: false) { authd, verifier, sample in
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
            // Expired: a verifier whose clock is past the token's expiry.
            let jwks = try #require(await verifier.configurationURL)
            let late = AuthTokenVerifier(
                configuration: .init(jwksURL: jwks), now: { Date().addingTimeInterval(8 * 86_400) })
            await #expect(throws: AuthTokenVerifierError.invalidToken) { try await late.verify(signedIn.token) }
        }
    }

    @Test func withIntrospectionASessionRevokedAMomentAgoIsRefused() async throws {
        try await withServices(introspect: true) { authd, _, sample in
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
