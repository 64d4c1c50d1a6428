import AuthCore
import AuthStorePostgres
import Foundation
import Testing

/// Webhooks and hooks through the authd binary on the real PostgreSQL (docs/webhooks.md): a
/// receiver built on the `standardwebhooks` package checks every signature, targets on private
/// addresses are refused, the before-sign-up and custom-claims hooks decide over HTTP.
@Suite("authd webhooks and hooks", .enabled(if: BackingServers.expected), .serialized, .timeLimit(.minutes(10)))
struct WebhookBinaryTests {
    let servers: BackingServers
    static let password = AccountProtectionBinaryTests.password

    /// One pool for the suite's whole run (closed with the process).
    static let pool = ProcessInfo.processInfo.environment["AUTH_TEST_DATABASE_URL"].map {
        PostgresConnectionPool(configuration: .init(url: $0, maxConnections: 2))
    }

    init() async throws { servers = try await BackingServers() }

    var database: [String: String] { ["DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret] }

    /// `authd webhooks arguments…` to completion: its exit status and output.
    func webhooks(_ arguments: [String], _ extra: [String: String] = [:]) async throws -> (status: Int32, text: String) {
        let process = try SpawnedProcess(
            AuthdProcess.binary.path, ["webhooks"] + arguments,
            environment: database.merging(["WEBHOOK_ALLOW_PRIVATE": "0"]) { $1 }.merging(extra) { $1 })
        let status = try await process.wait()
        return (status, process.text)
    }

    /// Adds an endpoint for `url` (private targets allowed) and returns its id and secret.
    func add(_ url: String, events: String) async throws -> (id: String, secret: String) {
        let added = try await webhooks(["add", url, "--events", events], ["WEBHOOK_ALLOW_PRIVATE": "1"])
        #expect(added.status == 0, "\(added.text)")
        let line = try #require(added.text.split(separator: "\n").first { $0.contains(url) })
        let id = try #require(line.split(separator: " ").first.flatMap { UUID(uuidString: String($0)) }?.uuidString.lowercased())
        let secret = try #require(added.text.firstMatch(of: /secret (whsec_\S+)/)?.1)
        return (id, String(secret))
    }

    func remove(_ id: String) async throws {
        #expect(try await webhooks(["remove", id]).status == 0)
    }

    /// authd serving the test database, with codes in its log and short webhook retries.
    func start(_ extra: [String: String] = [:]) async throws -> (AuthdProcess, RawHTTPClient) {
        try await AccountProtectionBinaryTests.start(database.merging([
            "MAIL_LOG": "insecure", "WEBHOOK_ALLOW_PRIVATE": "1", "WEBHOOK_RETRY_INITIAL": "1s",
            "WEBHOOK_RETRY_MAX": "2s", "RATE_LIMIT": "1000/60s",
        ]) { $1 }.merging(extra) { $1 })
    }

    static func address(_ tag: String) -> String { "\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    static func hasUser(_ email: String) async throws -> Bool {
        let pool = try #require(Self.pool)
        return try await PostgresUserStore(pool: pool).user(email: EmailAddress(email)) != nil
    }

    // MARK: targets

    @Test(arguments: ["http://127.0.0.1/", "http://10.0.0.1/"])
    func webhooksAddRefusesLoopbackAndPrivateTargetsWithoutTheOverride(_ url: String) async throws {
        let refused = try await webhooks(["add", url, "--events", "user.created"])
        #expect(refused.status != 0)
        #expect(refused.text.contains("WEBHOOK_ALLOW_PRIVATE=1"), "\(refused.text)")
        #expect(!(try await webhooks(["list"]).text.contains("  \(url)  ")))

        let allowed = try await add(url, events: "user.created")
        #expect(try await webhooks(["list"]).text.contains("\(allowed.id)  \(url)  events=user.created"))
        try await remove(allowed.id)
    }

    @Test func anUnknownEventTypeIsRefused() async throws {
        let refused = try await webhooks(["add", "https://hooks.example.com/", "--events", "user.exploded"])
        #expect(refused.status != 0)
        #expect(refused.text.contains("unknown event type user.exploded"))
    }

    // MARK: signatures

    @Test func aStandardWebhooksReceiverVerifiesEveryDeliveryAndRefusesATamperedOrReplayedOne() async throws {
        // Stopped when it goes out of scope (SpawnedProcess's deinit).
        let receiver = try await WebhookReceiver()
        let endpoint = try await add(receiver.url, events: "*")
        try receiver.use(secret: endpoint.secret)
        let (authd, http) = try await start()
        defer { _ = authd.terminate() }
        let email = Self.address("signed")
        _ = try await AccountProtectionBinaryTests.registered(authd, http, email)
        let wrong = try http.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "not the password"])
        #expect(wrong.status == 401)

        let expected: Set = ["user.created", "email.verified", "session.created", "sign_in.failed"]
        try await receiver.waitUntil("four events about \(email)") { _ in
            Set(receiver.verified(about: email).compactMap { $0["type"] as? String }) == expected
        }
        try await remove(endpoint.id)
        // Every request the receiver got was verified by the library: none failed.
        #expect(receiver.entries.allSatisfy { $0["ok"] as? Bool == true }, "\(receiver.entries)")
        let ids = receiver.verified(about: email).compactMap { $0["webhook_id"] as? String }
        #expect(Set(ids).count == ids.count && ids.allSatisfy { $0.hasPrefix("msg_") })

        // A delivery altered on the way fails the library's check.
        let delivery = try #require(receiver.verified(about: email).first)
        let body = Data(try #require(delivery["body"] as? String).utf8)
        let headers = [
            "webhook-id": try #require(delivery["webhook_id"] as? String),
            "webhook-timestamp": try #require(delivery["timestamp"] as? String),
            "webhook-signature": try #require(delivery["signature"] as? String),
        ]
        #expect(try receiver.post(body, headers: headers) == 204)
        #expect(try receiver.post(body + Data(" ".utf8), headers: headers) == 400)
        let forged = String(decoding: body, as: UTF8.self).replacingOccurrences(of: email, with: "eve@example.com")
        #expect(try receiver.post(Data(forged.utf8), headers: headers) == 400)

        // Replayed later: a delivery signed ten minutes ago is refused, though its signature holds.
        let signer = try WebhookSigner(secret: endpoint.secret)
        let old = signer.headers(id: headers["webhook-id"]!, at: Date().addingTimeInterval(-600), body: Array(body))
        #expect(try receiver.post(body, headers: old) == 400)
        let refusals = receiver.entries.filter { $0["ok"] as? Bool == false }.compactMap { $0["error"] as? String }
        #expect(refusals.count == 3)
        #expect(refusals.contains { $0.lowercased().contains("too old") }, "\(refusals)")
    }

    // MARK: hooks over HTTP

    static let hookSecret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    /// Whether `request` carries a valid signature of its body under the hook secret.
    static func signed(_ request: StandInServer.Request) -> Bool {
        let headers = Dictionary(request.headers.map { ($0.key.lowercased(), $0.value) }) { a, _ in a }
        guard let id = headers["webhook-id"], let timestamp = headers["webhook-timestamp"].flatMap({ Int($0) }),
              let signer = try? WebhookSigner(secret: hookSecret)
        else { return false }
        return headers["webhook-signature"] == signer.signature(id: id, timestamp: timestamp, body: Array(request.body))
    }

    @Test func aSignUpDeniedByTheHookGets403WithItsReasonAndCreatesNoAccount() async throws {
        let hook = try StandInServer { request in
            let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
            guard Self.signed(request), body["type"] as? String == "before_sign_up", let email = body["email"] as? String
            else { return .json(["error": "unsigned"], status: 401) }
            return email.hasSuffix("@denied.example")
                ? .json(["decision": "deny", "message": "Sign-ups from denied.example are closed."])
                : .json(["decision": "allow"])
        }
        defer { hook.stop() }
        let (authd, http) = try await start([
            "HOOK_BEFORE_SIGN_UP_URL": "http://127.0.0.1:\(hook.port)/before", "HOOK_SECRET": Self.hookSecret,
        ])
        defer { _ = authd.terminate() }

        let denied = "eve-\(UUID().uuidString.prefix(8).lowercased())@denied.example"
        let refused = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": denied, "password": Self.password])
        #expect(refused.status == 403)
        #expect(refused.headers["content-type"] == "application/problem+json")
        #expect(try refused.object()["error"] as? String == "sign_up_denied")
        #expect(try refused.object()["message"] as? String == "Sign-ups from denied.example are closed.")
        #expect(try await !Self.hasUser(denied))

        let allowed = Self.address("allowed")
        #expect(try http.request("POST", "/api/v1/auth/sign-up", json: ["email": allowed, "password": Self.password]).status == 201)
        #expect(try await Self.hasUser(allowed))
    }

    @Test func withTheBeforeSignUpHookUnreachableSignUpsAreRefusedWith503() async throws {
        // Nothing listens on port 9 of loopback (discard; no test server uses it).
        let (authd, http) = try await start([
            "HOOK_BEFORE_SIGN_UP_URL": "http://127.0.0.1:9/before", "HOOK_SECRET": Self.hookSecret, "HOOK_TIMEOUT": "2s",
        ])
        defer { _ = authd.terminate() }
        let email = Self.address("unreachable")
        let refused = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": Self.password])
        #expect(refused.status == 503)
        #expect(try refused.object()["error"] as? String == "unavailable")
        #expect(refused.headers["retry-after"] != nil)
        #expect(try await !Self.hasUser(email))
    }

    @Test func customClaimsFromTheHookAreInTheAccessTokenAndCannotReplaceTheSessionsOwn() async throws {
        let hook = try StandInServer { request in
            let body = (try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]) ?? [:]
            guard Self.signed(request), body["type"] as? String == "custom_claims",
                  let user = body["user"] as? [String: Any], let session = body["session"] as? [String: Any]
            else { return .json(["error": "unsigned"], status: 401) }
            return .json(["claims": [
                "role": "editor", "user_email": user["email"] ?? "", "session_id": session["id"] ?? "",
                "sub": "someone-else", "sid": "forged", "aal": 2, "exp": 4_102_444_800,
            ]])
        }
        defer { hook.stop() }
        let (authd, http) = try await start([
            "HOOK_CUSTOM_CLAIMS_URL": "http://127.0.0.1:\(hook.port)/claims", "HOOK_SECRET": Self.hookSecret,
        ])
        defer { _ = authd.terminate() }
        let email = Self.address("claims")
        let token = try await AccountProtectionBinaryTests.registered(authd, http, email)
        let me = try http.request("GET", "/api/v1/auth/me", token: token).object()
        let userID = try #require((me["user"] as? [String: Any])?["id"] as? String)
        let sessionID = try #require((me["session"] as? [String: Any])?["id"] as? String)

        var part = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        part += String(repeating: "=", count: (4 - part.count % 4) % 4)
        let payload = try #require(Data(base64Encoded: part))
        let claims = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(claims["role"] as? String == "editor")
        #expect(claims["user_email"] as? String == email)
        #expect(claims["session_id"] as? String == sessionID)
        #expect(claims["sub"] as? String == userID)
        #expect(claims["sid"] as? String == sessionID)
        #expect(claims["aal"] as? Int == 1)
        #expect((claims["exp"] as? Int).map { $0 < 4_102_444_800 } == true)
    }
}
