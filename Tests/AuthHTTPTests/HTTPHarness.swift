import AuthCore
import AuthHTTP
import AuthStorePostgres
import AuthTesting
import AuthWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// Resolves every host name to one public address (the webhook target checks, without DNS).
struct FixedResolver: AddressResolver {
    func addresses(of host: String) async throws -> [IPAddress] { [IPAddress("93.184.215.14")!] }
}

/// The HTTP application on in-memory adapters, a manual clock, a mailbox to read codes from, and a
/// cheap (but real) Argon2id cost.
struct HTTPHarness {
    let clock = ManualClock()
    let mailbox = InMemoryMailbox()
    let dependencies: AuthDependencies
    let auth: AuthService
    let http: AuthApplication

    static let cheapArgon = Argon2idPasswordHasher.Configuration.cheapForTests

    static let secret = [UInt8](repeating: 7, count: 32)

    /// - Parameters:
    ///   - settings: HTTP settings (default: the production defaults).
    ///   - rateLimiter: the limiter; `nil` is an in-memory one on the harness clock.
    ///   - users: replaces the user store (to simulate outages).
    ///   - readiness: what `/readyz` checks (default nothing: in memory is always ready).
    ///   - secondFactors: methods registered beside `email`.
    ///   - stores: PostgreSQL stores to use instead of the in-memory ones.
    ///   - logger: where the application logs (default: warnings and worse, unread).
    init(
        settings: AuthApplication.Settings = .init(), rateLimiter: (any RateLimiter)? = nil,
        users: (any UserStore)? = nil, readiness: [any ReadinessProbe] = [], secondFactors: [any SecondFactor] = [],
        configuration: AuthConfiguration = .init(), stores: PostgresStores? = nil, tokenAlgorithm: TokenAlgorithm = .hs256,
        alsoMailTo extraMailer: (any Mailer)? = nil, web: WebSettings? = nil, webhooks: (any WebhookStore)? = nil,
        logger capturing: Logger? = nil
    ) async throws {
        var deps = AuthDependencies.inMemory(
            mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: Self.cheapArgon), clock: clock,
            random: SeededRandomSource(seed: 42))
        if let stores { deps = stores.dependencies(replacingStoresOf: deps) }
        if let extraMailer { deps.mailer = TeeMailer(first: mailbox, second: extraMailer) }
        if let users { deps.users = users }
        // One limiter for the route limits and AuthCore's abuse limits, as authd wires them.
        if let rateLimiter { deps.rateLimiter = rateLimiter }
        deps.webhooks = webhooks
        dependencies = deps
        auth = try await AuthService(
            dependencies: deps, jwtSecret: Self.secret, codeKey: Array(repeating: 9, count: 32),
            tokenAlgorithm: tokenAlgorithm, configuration: configuration,
            secondFactors: secondFactors)
        let service = auth
        var logger = Logger(label: "authd.http.test")
        logger.logLevel = .warning  // one access-log line per request would drown the test output
        if let capturing { logger = capturing }
        // Webhook targets resolve to one public address here: no DNS in tests.
        let harnessClock = clock
        let administration = webhooks.map {
            WebhookAdministration(
                store: $0, policy: WebhookTargetPolicy(allowPrivate: false), resolver: FixedResolver(), clock: harnessClock)
        }
        http = AuthApplication(
            auth: auth, rateLimiter: deps.rateLimiter, readiness: readiness,
            features: (web.map { [WebFeature(auth: service, settings: $0, webhooks: administration, logger: logger)] } ?? [])
                + (administration.map { [WebhookAdminFeature(admin: service.admin, webhooks: $0)] } ?? []),
            settings: settings, logger: logger)
    }

    /// Runs `body` against the router (no sockets).
    @discardableResult
    func test<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await http.makeApplication(host: "127.0.0.1", port: 0).test(.router, body)
    }

    /// Runs `body` against a live server on a free loopback port.
    @discardableResult
    func testLive<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await http.makeApplication(host: "127.0.0.1", port: 0).test(.live, body)
    }

    /// The code in the newest mail to `email`.
    func code(for email: String) async throws -> String {
        let message = await mailbox.latest(to: try EmailAddress(email))
        return try #require(message?.code)
    }
}

/// Requests and JSON helpers for route tests.
extension TestClientProtocol {
    /// Sends `json` (an object literal) with `Content-Type: application/json`.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, json: [String: any Sendable]? = nil, token: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends raw bytes with the given content type.
    func sendRaw(_ method: HTTPRequest.Method, _ uri: String, body: String, contentType: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let contentType { headers[.contentType] = contentType }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs up and verifies `email`, returning the token.
    func registered(
        _ harness: HTTPHarness, _ email: String = "ada@example.com", password: String = "correct horse battery",
        headers: HTTPFields = [:]
    ) async throws -> String {
        let challenge = try await send(.post, "/api/v1/auth/sign-up", json: ["email": email, "password": password], headers: headers)
        #expect(challenge.status == .created)
        let id = try challenge.object()["verification_id"] as? String
        let verified = try await send(
            .post, "/api/v1/auth/verify-email", json: ["token_id": id ?? "", "code": try await harness.code(for: email)],
            headers: headers)
        #expect(verified.status == .ok)
        return try #require(try verified.object()["token"] as? String)
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    /// The body as a JSON array of objects.
    func array() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]])
    }

    /// The keys of the JSON object body.
    func keys() throws -> Set<String> { Set(try object().keys) }

    /// Expects an RFC 9457 problem with `status` and `code`, and returns its body.
    @discardableResult
    func expectProblem(_ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        #expect(self.status == status, sourceLocation: sourceLocation)
        #expect(headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        let body = try object()
        #expect(Set(body.keys) == ["type", "title", "status", "detail", "error", "message"], sourceLocation: sourceLocation)
        #expect(body["error"] as? String == code, sourceLocation: sourceLocation)
        #expect(body["status"] as? Int == Int(status.code), sourceLocation: sourceLocation)
        #expect(body["message"] as? String == body["detail"] as? String, sourceLocation: sourceLocation)
        return body
    }
}

/// Hands every message to two mailers: the harness's mailbox (for reading codes) and another
/// (a real outbox, to see what a deletion leaves).
struct TeeMailer: Mailer {
    let first: any Mailer
    let second: any Mailer
    func send(_ message: MailMessage) async throws {
        try await first.send(message)
        try await second.send(message)
    }
}
