import AuthCore
import AuthStorePostgres
import Foundation
import Testing

/// The receiver is down for two minutes while users sign up, sign in and are banned, and authd is
/// restarted in between: afterwards every event arrives, each `webhook-id` at least once
/// (docs/webhooks.md, "Delivery"). On the real PostgreSQL, through the binary. The retry backoff
/// is shortened (WEBHOOK_RETRY_INITIAL=1s, WEBHOOK_RETRY_MAX=2s) so delivery resumes within
/// seconds of the receiver's return; the two minutes of outage are the receiver's real downtime.
@Suite("authd webhooks through an outage", .enabled(if: BackingServers.expected), .serialized, .timeLimit(.minutes(10)))
struct WebhookOutageTests {
    let suite: WebhookBinaryTests
    init() async throws { suite = try await WebhookBinaryTests() }

    /// An admin at aal 2 (the admin API needs it): listed in ADMIN_EMAILS, with an authenticator app.
    static func admin(_ email: String, _ authd: AuthdProcess, _ http: RawHTTPClient) async throws -> String {
        let enrolling = try await AccountProtectionBinaryTests.registered(authd, http, email)
        let started = try http.request("POST", "/api/v1/auth/mfa/totp", token: enrolling).object()
        let secret = try #require(started["secret"] as? String)
        let app = try #require(TOTP(base32Secret: secret))
        let confirmed = try http.request(
            "POST", "/api/v1/auth/mfa/totp/confirm", json: ["id": started["id"] as? String ?? "", "code": app.code(at: Date())],
            token: enrolling)
        #expect(confirmed.status == 200)
        let password = try http.request(
            "POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": WebhookBinaryTests.password])
        let tokenID = try #require(try password.object()["verification_id"] as? String)
        // The next step's code: the enrolment's is spent.
        let signedIn = try http.request(
            "POST", "/api/v1/auth/sign-in/mfa",
            json: ["token_id": tokenID, "method": "totp", "code": app.code(at: Date().addingTimeInterval(30))])
        return try #require(try signedIn.object()["token"] as? String)
    }

    /// Signs `email` up, verifies it and signs in again; returns the account's id.
    static func userSignsUpAndIn(_ email: String, _ authd: AuthdProcess, _ http: RawHTTPClient) async throws -> String {
        let token = try await AccountProtectionBinaryTests.registered(authd, http, email)
        let signIn = try http.request(
            "POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": WebhookBinaryTests.password])
        #expect(signIn.status == 200)
        let me = try http.request("GET", "/api/v1/auth/me", token: token).object()
        return try #require((me["user"] as? [String: Any])?["id"] as? String)
    }

    static func ban(_ userID: String, by admin: String, _ http: RawHTTPClient) throws {
        #expect(try http.request("POST", "/api/v1/admin/users/\(userID)/ban", token: admin).status == 200)
    }

    @Test func everyEventArrivesAfterTheReceiverWasDownForTwoMinutesAndAuthdRestarted() async throws {
        let receiver = try await WebhookReceiver()
        let endpoint = try await suite.add(receiver.url, events: "user.created,email.verified,session.created,user.banned")
        try receiver.use(secret: endpoint.secret)
        let adminEmail = WebhookBinaryTests.address("admin")
        var (authd, http) = try await suite.start(["ADMIN_EMAILS": adminEmail])
        let admin = try await Self.admin(adminEmail, authd, http)

        try await receiver.stop()
        let outage = ContinuousClock.now
        var users: [String: String] = [:]  // email: id
        for _ in 0..<3 {
            let email = WebhookBinaryTests.address("outage")
            users[email] = try await Self.userSignsUpAndIn(email, authd, http)
        }
        let bannedFirst = try #require(users.first)
        try Self.ban(bannedFirst.value, by: admin, http)

        // A restart while deliveries are waiting: what was queued survives it.
        #expect(authd.terminate() == 0)
        (authd, http) = try await suite.start(["ADMIN_EMAILS": adminEmail])
        defer { _ = authd.terminate() }
        for _ in 0..<2 {
            let email = WebhookBinaryTests.address("outage")
            users[email] = try await Self.userSignsUpAndIn(email, authd, http)
        }
        let bannedSecond = try #require(users.first { $0.key != bannedFirst.key })
        try Self.ban(bannedSecond.value, by: admin, http)

        try await Task.sleep(until: outage + .seconds(120))
        let back = try await receiver.restarted()

        // Every user: created, verified, two sessions (verification and sign-in); two banned.
        func expected(_ email: String) -> [String: Int] {
            var types = ["user.created": 1, "email.verified": 1, "session.created": 2]
            if email == bannedFirst.key || email == bannedSecond.key { types["user.banned"] = 1 }
            return types
        }
        func received(_ email: String) -> [String: Int] {
            var counts: [String: Int] = [:]
            var seen: Set<String> = []
            for entry in back.verified(about: email) {
                // At least once: a repeat of a webhook-id is a duplicate, counted once.
                guard let id = entry["webhook_id"] as? String, seen.insert(id).inserted, let type = entry["type"] as? String
                else { continue }
                counts[type, default: 0] += 1
            }
            return counts
        }
        try await back.waitUntil("every event of \(users.count) users") { _ in
            users.keys.allSatisfy { received($0) == expected($0) }
        }
        for email in users.keys { #expect(received(email) == expected(email), "\(email)") }
        #expect(back.entries.allSatisfy { $0["ok"] as? Bool == true })

        // Each queued delivery of the endpoint arrived under its webhook-id.
        let pool = try #require(WebhookBinaryTests.pool)
        let rows = try await pool.query("""
            SELECT event_id, delivered_at IS NOT NULL AS delivered, attempts FROM webhook_deliveries \
            WHERE endpoint_id = \(.uuid(try #require(UUID(uuidString: endpoint.id))))
            """).rows
        let receivedIDs = Set(back.entries.compactMap { $0["webhook_id"] as? String })
        for row in rows {
            #expect(receivedIDs.contains("msg_" + (try row.uuid("event_id")).uuidString.lowercased()))
        }
        #expect(rows.count >= users.count * 4 + 2)
        // Some were retried while the receiver was down.
        #expect(try rows.contains { try row(attempts: $0) > 1 })
        try await suite.remove(endpoint.id)
    }

    private func row(attempts row: PostgresRow) throws -> Int { try row.int("attempts") }
}
