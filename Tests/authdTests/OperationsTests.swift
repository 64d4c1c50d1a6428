import Foundation
import Testing

/// METRICS_PORT, LOG_FORMAT=json and 405 answers, through the built binary.
@Suite("Operations: metrics, JSON logs, methods")
struct OperationsTests {
    @Test func metricsMoveByExactlyTheScriptedTrafficAndPromtoolAcceptsThem() async throws {
        let authd = try AuthdProcess(environment: [
            "PORT": "0", "HOST": "127.0.0.1", "METRICS_PORT": "0", "RATE_LIMIT": "3/60s",
        ])
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let metricsPort = try #require(UInt16(try await authd.waitFor(/metrics on http:\/\/127\.0\.0\.1:(\d+)/)))
        let http = RawHTTPClient(port: port)
        let email = "metrics@example.com", password = "correct horse battery"

        // One sign-up, its verification, one good sign-in, one wrong password, then the per-IP
        // limit (3 a minute on the sign-in route) refuses the fourth sign-in.
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": password])
        #expect(signUp.status == 201)
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await authd.waitFor(/code=(\d{6})/)
        let verified = try http.request(
            "POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": try #require(authd.loggedCodes.last)])
        #expect(verified.status == 200)
        let signIn = "/api/v1/auth/sign-in/credentials"
        let first = try http.request("POST", signIn, json: ["email": email, "password": password])
        #expect(first.status == 200)
        #expect(try http.request("POST", signIn, json: ["email": email, "password": "wrong password!"]).status == 401)
        #expect(try http.request("POST", signIn, json: ["email": email, "password": password]).status == 200)
        #expect(try http.request("POST", signIn, json: ["email": email, "password": password]).status == 429)

        // Two token validations: the first reads the stores and fills the cache, the second hits it.
        let token = try #require(try first.object()["token"] as? String)
        for _ in 0..<2 {
            #expect(try http.request("GET", "/api/v1/auth/me", headers: ["Authorization": "Bearer \(token)"]).status == 200)
        }

        let scrape = try RawHTTPClient(port: metricsPort).request("GET", "/metrics")
        #expect(scrape.status == 200)
        let text = String(decoding: scrape.body, as: UTF8.self)
        let samples = Self.samples(text)
        #expect(samples[#"authd_codes_issued_total{purpose="sign_up"}"#] == 1)
        #expect(samples[#"authd_codes_redeemed_total{purpose="sign_up"}"#] == 1)
        #expect(samples[#"authd_sign_ins_total{method="password",outcome="success"}"#] == 2)
        #expect(samples[#"authd_sign_ins_total{method="password",outcome="invalid_credentials"}"#] == 1)
        #expect(samples[#"authd_rate_limit_refusals_total{limit="ip:sign-in"}"#] == 1)
        let route = #"route="/api/v1/auth/sign-in/credentials",method="POST""#
        #expect(samples["authd_http_requests_total{\(route),status=\"200\"}"] == 2)
        #expect(samples["authd_http_requests_total{\(route),status=\"401\"}"] == 1)
        #expect(samples["authd_http_requests_total{\(route),status=\"429\"}"] == 1)
        #expect(samples["authd_http_request_duration_seconds_count{\(route)}"] == 4)
        #expect(samples[#"authd_session_cache_lookups_total{result="miss"}"#] == 1)
        #expect(samples[#"authd_session_cache_lookups_total{result="hit"}"#] == 1)
        // One hash for the sign-up, one per password checked (the refused fourth is never hashed).
        #expect(samples["authd_hashing_duration_seconds_count"] == 4)
        #expect(samples["authd_hashing_refusals_total"] == nil || samples["authd_hashing_refusals_total"] == 0)
        #expect(samples["authd_hashing_queue_depth"] != nil)
        // Route templates, not raw paths: nothing carries the address or an id.
        #expect(!text.contains(email) && !text.contains(id))
        try Self.promtoolAccepts(text)
        #expect(authd.terminate() == 0)
    }

    @Test(.enabled(if: BackingServers.expected))
    func onPostgreSQLAndSMTPTheMetricsShowThePoolAndTheOutbox() async throws {
        let servers = try await BackingServers()
        let smtp = try #require(servers.smtp, "AUTH_TEST_SMTP_URL and AUTH_TEST_SMTP_MAILDIR are needed")
        let authd = try AuthdProcess(environment: [
            "PORT": "0", "HOST": "127.0.0.1", "METRICS_PORT": "0", "DATABASE_URL": servers.database,
            "JWT_SECRET": BackingServers.secret, "SMTP_URL": smtp.url, "MAIL_FROM": "auth@example.com",
        ])
        defer { _ = authd.terminate() }
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let metricsPort = try #require(UInt16(try await authd.waitFor(/metrics on http:\/\/127\.0\.0\.1:(\d+)/)))
        let email = "metrics-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let signUp = try RawHTTPClient(port: port).request(
            "POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        #expect(signUp.status == 201)
        _ = try await smtp.waitForMail(to: email)

        // The worker counts the delivery just after the SMTP server took the message.
        var samples: [String: Double] = [:]
        for _ in 0..<100 {
            let text = String(decoding: try RawHTTPClient(port: metricsPort).request("GET", "/metrics").body, as: UTF8.self)
            samples = Self.samples(text)
            if samples[#"authd_mail_deliveries_total{outcome="delivered"}"#] != nil {
                try Self.promtoolAccepts(text)
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(samples[#"authd_mail_deliveries_total{outcome="delivered"}"#] == 1)
        #expect(samples[#"authd_mail_outbox_messages{state="given_up"}"#] != nil)
        #expect(samples[#"authd_mail_outbox_messages{state="pending"}"#] != nil)
        #expect((samples[#"authd_postgres_pool_connections{state="idle"}"#] ?? 0) >= 1)
        #expect(samples[#"authd_postgres_pool_connections{state="in_use"}"#] != nil)
        #expect(samples["authd_postgres_pool_waiting"] == 0)
    }

    @Test func jsonLogsAreOneObjectPerLineWithTheRequestID() async throws {
        let authd = try AuthdProcess(environment: ["PORT": "0", "HOST": "127.0.0.1", "LOG_FORMAT": "json"])
        // The message of the start-up line is the same in JSON.
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let http = RawHTTPClient(port: port)
        _ = try http.request("GET", "/api/v1/auth/me", headers: ["X-Request-Id": "req-json-1"])
        _ = try await authd.waitFor(/("req-json-1")/)
        #expect(authd.terminate() == 0)
        var requestLines = 0
        for line in authd.stderr.split(separator: "\n") where line.hasPrefix("{") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["ts"] is String && object["level"] is String && object["message"] is String)
            if object["path"] as? String == "/api/v1/auth/me" {
                requestLines += 1
                #expect(object["request_id"] as? String == "req-json-1")
                #expect(object["status"] as? String == "401")
            }
        }
        #expect(requestLines == 1)
        // The start-up banner is plain text on purpose (a human reads it); every log line is JSON.
        let logLines = authd.stderr.split(separator: "\n").filter { $0.contains("authd listening") }
        #expect(!logLines.isEmpty && logLines.allSatisfy { $0.hasPrefix("{") })
    }

    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        let authd = try AuthdProcess(environment: ["PORT": "0", "HOST": "127.0.0.1"])
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        let http = RawHTTPClient(port: port)
        let wrong = try http.request("GET", "/api/v1/auth/sign-up")
        #expect(wrong.status == 405)
        #expect(wrong.headers["allow"] == "POST")
        #expect(try wrong.object()["error"] as? String == "method_not_allowed")
        let reset = try http.request("TRACE", "/api/v1/auth/reset/password")
        #expect(reset.status == 405)
        #expect(reset.headers["allow"] == "GET, HEAD, PATCH, POST")
        #expect(try http.request("DELETE", "/api/v1/auth/mfa/totp/\(UUID())").status == 401)  // a real route
        #expect(try http.request("PUT", "/api/v1/auth/mfa/totp/\(UUID())").status == 405)
        // A literal segment wins over a parameter, as in the router: confirm is POST only.
        #expect(try http.request("OPTIONS", "/api/v1/auth/mfa/totp/confirm").headers["allow"] == "POST")
        #expect(try http.request("GET", "/api/v1/auth/no-such-route").status == 404)
        #expect(authd.terminate() == 0)
    }

    /// `name{labels} value` lines of a Prometheus text exposition.
    static func samples(_ text: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            out[String(line[..<space])] = value
        }
        return out
    }

    /// Runs `promtool check metrics` on `text`; required when the test servers are (make test installs it).
    static func promtoolAccepts(_ text: String) throws {
        let path = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            if ProcessInfo.processInfo.environment["AUTH_TEST_REQUIRE_SERVERS"] == "1" {
                Issue.record("promtool is missing (Debian package prometheus; make test-deps installs it)")
            }
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "promtool check metrics: \(said)")
    }
}
