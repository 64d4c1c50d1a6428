import Foundation
import Testing

/// authd in front of the real PostgreSQL, Redis and SMTP servers that `make test` starts.
/// Without them these tests fail when `AUTH_TEST_REQUIRE_SERVERS=1` (as under `make test`), and are
/// skipped otherwise so a bare `swift test` still runs.
@Suite("authd with PostgreSQL, Redis and SMTP", .enabled(if: BackingServers.expected))
struct AuthdWithServersTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    /// Starts authd on a free port with `extra` settings on top of the database, and returns it
    /// with a client.
    func start(_ extra: [String: String] = [:]) async throws -> (AuthdProcess, RawHTTPClient) {
        // Codes are read from the log here (MAIL_LOG=insecure), unless a test sets SMTP_URL.
        var env = [
            "PORT": "0", "HOST": "127.0.0.1", "DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret,
            "MAIL_LOG": "insecure",
        ]
        env.merge(extra) { _, new in new }
        let authd = try AuthdProcess(arguments: ["serve"], environment: env)
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        return (authd, RawHTTPClient(port: port))
    }

    static func uniqueEmail(_ tag: String) -> String { "\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    @Test func theVerificationCodeArrivesBySMTPAndVerifiesTheAccount() async throws {
        let smtp = try #require(servers.smtp, "AUTH_TEST_SMTP_URL and AUTH_TEST_SMTP_MAILDIR are needed")
        let (authd, http) = try await start(["SMTP_URL": smtp.url, "MAIL_FROM": "auth@example.com"])
        defer { _ = authd.terminate() }
        let email = Self.uniqueEmail("smtp")
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        #expect(signUp.status == 201)
        let id = try #require(try signUp.object()["verification_id"] as? String)
        let mail = try await smtp.waitForMail(to: email)
        // The text part puts the code alone on an indented line (lines end in CRLF, which Swift
        // treats as one Character, so split on newlines rather than matching "\n").
        let codeLine = mail.split(whereSeparator: \.isNewline).first { line in
            line.hasPrefix("    ") && line.dropFirst(4).count == 6 && line.dropFirst(4).allSatisfy(\.isNumber)
        }
        let code = try #require(codeLine.map { String($0.dropFirst(4)) }, "no code in the mail:\n\(mail)")
        #expect(!authd.stderr.contains(code), "with SMTP configured the code must not be logged")
        let verified = try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code])
        #expect(verified.status == 200)
        let token = try #require(try verified.object()["token"] as? String)
        #expect(try http.request("GET", "/api/v1/auth/me", token: token).status == 200)
    }

    @Test func aRepeatSignUpCannotTakeAnAccountOverOnPostgreSQL() async throws {
        let email = Self.uniqueEmail("takeover")
        let (authd, http) = try await start()
        defer { _ = authd.terminate() }
        let owner = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "owner password"])
        let ownerID = try #require(try owner.object()["verification_id"] as? String)
        _ = try await authd.waitFor(/code=(\d{6})/)
        let ownerCode = try #require(authd.loggedCodes.last)
        // Someone else signs the same address up with a password they know.
        #expect(try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "attacker password"]).status == 201)
        // The owner verifies with the owner's own code: the owner's password is the account's.
        #expect(try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": ownerID, "code": ownerCode]).status == 200)
        #expect(try http.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "attacker password"]).status == 401)
        #expect(try http.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "owner password"]).status == 200)
    }

    @Test func withoutRedisALogoutThroughOneInstanceIsRefusedByAnotherAtOnce() async throws {
        // DATABASE_URL without REDIS_URL: no per-process session cache, every request reads through.
        let (a, httpA) = try await start()
        defer { _ = a.terminate() }
        let (b, httpB) = try await start()
        defer { _ = b.terminate() }
        let email = Self.uniqueEmail("readthrough")
        let signUp = try httpA.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await a.waitFor(/code=(\d{6})/)
        let code = try #require(a.loggedCodes.last)
        let token = try #require(try httpA.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code]).object()["token"] as? String)
        for _ in 0..<3 { #expect(try httpB.request("GET", "/api/v1/auth/me", token: token).status == 200) }  // B has seen it
        #expect(try httpA.request("DELETE", "/api/v1/auth/logout", token: token).status == 200)
        #expect(try httpB.request("GET", "/api/v1/auth/me", token: token).status == 401)
    }

    @Test func accountsAndSessionsSurviveARestartOfAuthd() async throws {
        let email = Self.uniqueEmail("restart")
        let (first, http) = try await start()
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await first.waitFor(/code=(\d{6})/)
        let code = try #require(first.loggedCodes.last)
        let token = try #require(try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code]).object()["token"] as? String)
        #expect(first.terminate() == 0)

        let (second, again) = try await start()
        defer { _ = second.terminate() }
        #expect(try again.request("GET", "/api/v1/auth/me", token: token).status == 200)
        let signIn = try again.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "correct horse battery"])
        #expect(signIn.status == 200)
    }

    @Test func sessionsShowTheClientIPBehindATrustedProxyItsLocationAndTheDeviceName() async throws {
        let geo = try #require(ProcessInfo.processInfo.environment["AUTH_TEST_GEOIP_DB"], "AUTH_TEST_GEOIP_DB is needed")
        let (authd, http) = try await start(["GEOIP_DB": geo, "TRUSTED_PROXIES": "127.0.0.1/32"])
        defer { _ = authd.terminate() }
        // 81.2.69.142 is a MaxMind test address; the GeoLite2 City file of the tests places it here.
        let proxied = ["X-Forwarded-For": "198.51.100.66, 81.2.69.142", "X-Client": "ios"]
        let email = Self.uniqueEmail("geo")
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"], headers: proxied)
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await authd.waitFor(/code=(\d{6})/)
        let code = try #require(authd.loggedCodes.last)
        let verified = try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code], headers: proxied)
        let token = try #require(try verified.object()["token"] as? String)

        let me = try http.request("GET", "/api/v1/auth/me", token: token)
        let session = try #require(try me.object()["session"] as? [String: Any])
        #expect(session["ip"] as? String == "81.2.69.142")  // the rightmost untrusted hop, not the spoofable leftmost
        #expect(session["parsed_location"] as? String == "Willesden, England, United Kingdom")
        #expect(session["client"] as? String == "ios")
        let all = try JSONSerialization.jsonObject(with: try http.request("GET", "/api/v1/auth/me/all", token: token).body) as? [[String: Any]]
        #expect(all?.first?["parsed_location"] as? String == "Willesden, England, United Kingdom")
        #expect(all?.first?["ip"] as? String == "81.2.69.142")
    }

    @Test func twoInstancesShareRateLimitsAndRevocation() async throws {
        // A Redis database of its own, so other suites' hits from 127.0.0.1 do not count here.
        let redis = try #require(servers.redis, "AUTH_TEST_REDIS_URL is needed") + "/7"
        let (a, httpA) = try await start(["REDIS_URL": redis])
        defer { _ = a.terminate() }
        let (b, httpB) = try await start(["REDIS_URL": redis])
        defer { _ = b.terminate() }
        try await flushRedisDatabase(redis)

        let email = Self.uniqueEmail("shared")
        let signUp = try httpA.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await a.waitFor(/code=(\d{6})/)
        let code = try #require(a.loggedCodes.last)
        let token = try #require(try httpB.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code]).object()["token"] as? String)

        // Ten sign-in attempts from one address spread over both instances pass; the eleventh is
        // refused by either. (One guess per account: per-account limits have their own tests.)
        for attempt in 0..<10 {
            let client = attempt.isMultiple(of: 2) ? httpA : httpB
            let answer = try client.request(
                "POST", "/api/v1/auth/sign-in/credentials", json: ["email": Self.uniqueEmail("stuffing"), "password": "wrong password \(attempt)"])
            #expect(answer.status == 401, "attempt \(attempt + 1) should reach the password check")
        }
        for client in [httpA, httpB] {
            let refused = try client.request("POST", "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": "correct horse battery"])
            #expect(refused.status == 429)
            #expect(refused.headers["retry-after"] != nil)
        }

        // A session ended through one instance is refused by the other on its next request.
        #expect(try httpB.request("GET", "/api/v1/auth/me", token: token).status == 200)  // warms B's view
        #expect(try httpA.request("DELETE", "/api/v1/auth/logout", token: token).status == 200)
        #expect(try httpB.request("GET", "/api/v1/auth/me", token: token).status == 401)
    }

    private func flushRedisDatabase(_ url: String) async throws {
        let parts = try #require(URL(string: url))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-cli")
        process.arguments = ["-h", parts.host ?? "127.0.0.1", "-p", String(parts.port ?? 6379), "-n", "7", "FLUSHDB"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}
