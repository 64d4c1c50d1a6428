import Foundation
import Testing

@Suite("the authd binary, black box")
struct AuthdBinaryTests {
    @Test func embeddedDefaultServesTheWholeSessionLifecycleAndStopsCleanly() async throws {
        let authd = try AuthdProcess(environment: ["PORT": "0", "HOST": "127.0.0.1"])
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        #expect(authd.stderr.contains("NOT for production"))
        let http = RawHTTPClient(port: port)

        #expect(try http.request("GET", "/healthz").status == 200)
        let email = "black-box@example.com"
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        #expect(signUp.status == 201)
        let verificationID = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await authd.waitFor(/code=(\d{6})/)
        let code = try #require(authd.loggedCodes.last)

        let verified = try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": verificationID, "code": code])
        #expect(verified.status == 200)
        let token = try #require(try verified.object()["token"] as? String)

        let me = try http.request("GET", "/api/v1/auth/me", token: token)
        #expect(me.status == 200)
        let user = try me.object()["user"] as? [String: Any]
        #expect(user?["email"] as? String == email)
        #expect(user?["is_email_verified"] as? Bool == true)

        let all = try http.request("GET", "/api/v1/auth/me/all", token: token)
        #expect(all.status == 200)
        let rows = try JSONSerialization.jsonObject(with: all.body) as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["primary"] as? Bool == true)

        let logout = try http.request("DELETE", "/api/v1/auth/logout", token: token)
        #expect(logout.status == 200)
        #expect(try logout.object()["success"] as? Bool == true)

        let refused = try http.request("GET", "/api/v1/auth/me", token: token)
        #expect(refused.status == 401)
        #expect(refused.headers["content-type"] == "application/problem+json")
        #expect(try refused.object()["error"] as? String == "unauthorized")

        #expect(authd.terminate() == 0)
        #expect(authd.stderr.contains("authd stopped"))
    }

    @Test func aChunkedBodyOver64KiBIsRefusedWith413() async throws {
        let authd = try AuthdProcess(environment: ["PORT": "0", "HOST": "127.0.0.1"])
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        var request = Data(
            "POST /api/v1/auth/sign-in/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".utf8)
        let chunk = String(repeating: "a", count: 8 * 1024)
        for _ in 0..<9 { request += Data("2000\r\n\(chunk)\r\n".utf8) }  // 72 KiB, no Content-Length
        request += Data("0\r\n\r\n".utf8)
        let response = try RawHTTPClient(port: port).raw(request)
        #expect(response.status == 413)
        #expect(try response.object()["error"] as? String == "payload_too_large")
        #expect(authd.terminate() == 0)
    }

    @Test(arguments: [
        (["JWT_SECRET": "too-short"], "JWT_SECRET must be at least 32 bytes"),
        (["SESSION_TTL": "seven days"], "SESSION_TTL"),
        (["RATE_LIMIT": "10 per minute"], "RATE_LIMIT"),
        (["TRUSTED_PROXIES": "10.0.0.0/40"], "TRUSTED_PROXIES"),
        (["DATABASE_URL": "postgres://db.example/auth"], "JWT_SECRET is required when DATABASE_URL is set"),
        (["DATABASE_URL": "::not a url::", "JWT_SECRET": String(repeating: "k", count: 32)], "DATABASE_URL"),
        (["DATABASE_URL": "postgres://u@a:5432,b:99999/auth", "JWT_SECRET": String(repeating: "k", count: 32)], "DATABASE_URL has an invalid port"),
        (["DATABASE_URL": "mysql://db.example/auth", "JWT_SECRET": String(repeating: "k", count: 32)], "DATABASE_URL must start with postgres://"),
        // A production configuration never writes live codes to its log unless told so explicitly.
        (["DATABASE_URL": "postgres://db.example/auth", "JWT_SECRET": String(repeating: "k", count: 32)], "MAIL_LOG=insecure"),
        (["MAIL_LOG": "yes please"], "MAIL_LOG must be"),
        (["HTTP_READ_TIMEOUT": "soon"], "HTTP_READ_TIMEOUT must be"),
        (["HTTP_IDLE_TIMEOUT": "0"], "HTTP_IDLE_TIMEOUT must be"),
        (["HTTP_REQUEST_TIMEOUT": "2d"], "HTTP_REQUEST_TIMEOUT must be"),
        (["HTTP_MAX_CONNECTIONS": "0"], "HTTP_MAX_CONNECTIONS must be"),
        (["SHUTDOWN_GRACE": "-1"], "SHUTDOWN_GRACE must be"),
        (["DATABASE_POOL_SIZE": "0"], "DATABASE_POOL_SIZE must be"),
        (["DATABASE_IDLE_TIMEOUT": "never"], "DATABASE_IDLE_TIMEOUT must be"),
        (["DATABASE_MAX_LIFETIME": "0"], "DATABASE_MAX_LIFETIME must be"),
        (["DATABASE_STATEMENT_TIMEOUT": "2d"], "DATABASE_STATEMENT_TIMEOUT must be"),
        // Passkeys: an origin the browser would refuse for the RP ID, plain HTTP off localhost.
        (["WEBAUTHN_RP_ID": "example.com", "WEBAUTHN_ORIGINS": "https://example.org"], "WEBAUTHN_ORIGINS"),
        (["WEBAUTHN_RP_ID": "example.com", "WEBAUTHN_ORIGINS": "http://example.com"], "must use https"),
        (["WEBAUTHN_RP_ID": "https://example.com"], "WEBAUTHN_RP_ID must be a host name"),
    ])
    func badConfigurationStopsWithOneLineAndExitCode2(environment: [String: String], expected: String) async throws {
        let authd = try AuthdProcess(environment: environment.merging(["PORT": "0"]) { a, _ in a })
        authd.process.waitUntilExit()
        #expect(authd.process.terminationStatus == 2)
        // Let the reader drain the pipe.
        _ = try await authd.waitFor(/(configuration error)/)
        let lines = authd.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got:\n\(authd.stderr)")
        #expect(lines.first?.contains(expected) == true, "\(authd.stderr)")
    }

    @Test func aFlagWinsOverTheEnvironment() async throws {
        let authd = try AuthdProcess(arguments: ["serve", "--jwt-secret", "short"], environment: ["JWT_SECRET": String(repeating: "k", count: 40), "PORT": "0"])
        authd.process.waitUntilExit()
        #expect(authd.process.terminationStatus == 2)
    }

    @Test func migrateWithoutADatabaseHasNothingToDo() async throws {
        let authd = try AuthdProcess(arguments: ["migrate"])
        authd.process.waitUntilExit()
        #expect(authd.process.terminationStatus == 0)
    }

    @Test func helpListsEverySetting() throws {
        let process = Process()
        process.executableURL = AuthdProcess.binary
        process.arguments = ["--help"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for name in Self.settings {
            #expect(text.contains(name), "authd --help does not mention \(name)")
        }
    }

    @Test func theConfigurationGuideListsEverySetting() throws {
        let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: guide, encoding: .utf8)
        for name in Self.settings {
            #expect(text.contains("| `\(name)`") || text.contains("`\(name)`, "), "docs/configuration.md has no row for \(name)")
        }
    }

    @Test(arguments: [("docs/configuration.md", "reference"), ("README.md", "readme")])
    func theDocumentsShowTheSettingsTableTheBinaryPrints(document: String, format: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        let block = try #require(text.components(separatedBy: "<!-- settings: begin -->\n").dropFirst().first?
            .components(separatedBy: "\n<!-- settings: end -->").first, "\(document) has no settings block")
        let printed = try Self.output(of: ["settings", "--format", format])
        #expect(block == printed.trimmingCharacters(in: .newlines),
                "\(document)'s settings table differs from `authd settings --format \(format)`: run scripts/settings-docs.sh")
    }

    @Test func serveHelpNamesEveryFlagAndVariableOfTheTable() throws {
        // ArgumentParser wraps help at the terminal width: compare with the line breaks undone.
        let help = try Self.output(of: ["serve", "--help"]).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let table = try Self.output(of: ["settings", "--format", "reference"])
        let rows = table.split(separator: "\n").dropFirst(2)
        let cells = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(Set(cells.map { $0[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")) }) == Set(Self.settings),
                "the settings table and this test's list disagree")
        for cells in cells {
            guard cells[1].hasPrefix("`--") else { continue }
            let flag = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let variable = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            #expect(help.contains(flag), "authd serve --help has no \(flag)")
            #expect(help.contains("env: \(variable)"), "authd serve --help does not name \(variable)")
        }
    }

    static func output(of arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = AuthdProcess.binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static let settings = [
        "HOST", "PORT", "DATABASE_URL", "REDIS_URL", "SMTP_URL", "MAIL_FROM", "JWT_SECRET", "SESSION_TTL", "RATE_LIMIT",
        "TRUSTED_PROXIES", "GEOIP_DB", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_ISSUER", "OAUTH_REDIRECT_ALLOWLIST",
        "MAIL_LOG", "HTTP_READ_TIMEOUT", "HTTP_IDLE_TIMEOUT", "HTTP_REQUEST_TIMEOUT", "HTTP_MAX_CONNECTIONS", "SHUTDOWN_GRACE",
        "OAUTH_PROVIDERS", "OAUTH_<NAME>_CLIENT_ID", "OAUTH_<NAME>_CLIENT_SECRET", "OAUTH_<NAME>_ISSUER", "OAUTH_<NAME>_KIND",
        "OAUTH_<NAME>_SCOPES", "OAUTH_<NAME>_TEAM_ID", "OAUTH_<NAME>_KEY_ID", "OAUTH_<NAME>_PRIVATE_KEY_FILE",
        "DATABASE_POOL_SIZE", "DATABASE_IDLE_TIMEOUT", "DATABASE_MAX_LIFETIME", "DATABASE_STATEMENT_TIMEOUT",
        "LOG_FORMAT", "METRICS_PORT",
        "ADMIN_EMAILS", "PUBLIC_URL",
        "WEBAUTHN_RP_ID", "WEBAUTHN_ORIGINS",
        "ACCESS_TOKEN_TTL", "SESSION_MAX_LIFETIME", "REFRESH_REUSE_INTERVAL", "REFRESH_RATE_LIMIT",
        "HOOK_BEFORE_SIGN_UP_URL", "HOOK_CUSTOM_CLAIMS_URL", "HOOK_SECRET", "HOOK_TIMEOUT", "WEBHOOK_ALLOW_PRIVATE",
        "WEBHOOK_RETRY_INITIAL", "WEBHOOK_RETRY_MAX",
        "ENCRYPTION_KEY", "JWT_ALG", "JWT_KEY_REFRESH", "INTROSPECTION_CLIENTS", "REAUTHENTICATION_WINDOW",
        "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "LOG_LEVEL",
    ]
}
