import Foundation

/// The servers `make test` starts (scripts/with-test-servers.sh), read from the environment.
struct BackingServers {
    struct SMTP {
        var url: String
        var maildir: URL

        /// Waits for a received message addressed to `address` and returns its text.
        func waitForMail(to address: String) async throws -> String {
            for _ in 0..<300 {
                let files = (try? FileManager.default.contentsOfDirectory(at: maildir, includingPropertiesForKeys: nil)) ?? []
                for file in files where file.pathExtension == "eml" {
                    if let text = try? String(contentsOf: file, encoding: .utf8), text.contains(address) { return text }
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw RawHTTPClient.ClientError("no mail to \(address) arrived in \(maildir.path)")
        }
    }

    /// Applies the schema with `authd migrate` (idempotent, and safe when suites run it at once).
    static func migrate(_ database: String) async throws {
        try await offThePool { try migrateBlocking(database) }
    }

    private static func migrateBlocking(_ database: String) throws {
        let process = Process()
        process.executableURL = AuthdProcess.binary
        process.arguments = ["migrate"]
        process.environment = ["DATABASE_URL": database, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RawHTTPClient.ClientError("authd migrate exited \(process.terminationStatus)")
        }
    }

    static let secret = "authd-black-box-secret-0123456789abcdef"
    /// Whether to run: the servers are there, or `make test` says they must be.
    static var expected: Bool {
        let env = ProcessInfo.processInfo.environment
        return env["AUTH_TEST_DATABASE_URL"] != nil || env["AUTH_TEST_REQUIRE_SERVERS"] == "1"
    }

    let database: String
    let redis: String?
    let smtp: SMTP?

    /// Reads the settings; throws (failing the test) when the database is missing.
    init() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let database = env["AUTH_TEST_DATABASE_URL"] else {
            throw RawHTTPClient.ClientError("AUTH_TEST_DATABASE_URL is not set: run `make test`")
        }
        self.database = database
        redis = env["AUTH_TEST_REDIS_URL"]
        try await Self.migrate(database)
        if let url = env["AUTH_TEST_SMTP_URL"], let dir = env["AUTH_TEST_SMTP_MAILDIR"] {
            smtp = SMTP(url: url, maildir: URL(fileURLWithPath: dir))
        } else {
            smtp = nil
        }
    }
}
