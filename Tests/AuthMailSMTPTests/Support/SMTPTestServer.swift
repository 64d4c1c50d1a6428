import AuthCore
import AuthMailSMTP
import Foundation
import Testing

/// The SMTP server `scripts/test-servers/smtp.sh` started, and private ones for outage tests.
///
/// Integration suites are enabled when `AUTH_TEST_SMTP_URL` is set, or when
/// `AUTH_TEST_REQUIRE_SERVERS=1` says servers are expected: then a missing URL fails every test
/// instead of skipping it.
enum SMTPTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static var isAvailableOrRequired: Bool {
        environment["AUTH_TEST_SMTP_URL"] != nil || environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "AUTH_TEST_SMTP_URL is not set but AUTH_TEST_REQUIRE_SERVERS=1: start it with scripts/test-servers/smtp.sh" }
    }

    static func variable(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else { throw Missing() }
        return value
    }

    static var url: String { get throws { try variable("AUTH_TEST_SMTP_URL") } }
    static var maildir: String { get throws { try variable("AUTH_TEST_SMTP_MAILDIR") } }
    static var ca: String { get throws { try variable("AUTH_TEST_SMTP_CA") } }

    /// The shared server's configuration, sending as `from`.
    static func configuration(
        from: String = "Zürich Café Auth <auth@example.test>", query: String = ""
    ) throws -> SMTPConfiguration {
        var configuration = try SMTPConfiguration(url: try url + query, from: from)
        configuration.commandTimeout = .seconds(10)
        return configuration
    }

    /// A unique recipient, so parallel tests find their own mail.
    static func recipient(_ tag: String = "t") throws -> EmailAddress {
        try EmailAddress("\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.test")
    }

    /// A server of its own, beside the shared one (so `stop_smtp` stops it if a test does not).
    final class Private: Sendable {
        let directory: String
        let port: Int
        let mode: String
        var maildir: String { directory + "/maildir" }

        private init(directory: String, port: Int, mode: String) {
            self.directory = directory
            self.port = port
            self.mode = mode
        }

        static func start(mode: String = "starttls") async throws -> Private {
            let shared = URL(fileURLWithPath: try variable("AUTH_TEST_SMTP_DIR")).deletingLastPathComponent()
            let directory = shared.appendingPathComponent("test-\(UUID().uuidString.prefix(8))").path
            try await control("start", directory, "", mode)
            let written = try String(contentsOfFile: directory + "/port", encoding: .utf8)
            guard let port = Int(written.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Missing() }
            return Private(directory: directory, port: port, mode: mode)
        }

        /// Runs `body` with a fresh server, stopped afterwards even when `body` throws.
        static func with(mode: String = "starttls", _ body: (Private) async throws -> Void) async throws {
            let server = try await start(mode: mode)
            do { try await body(server) } catch {
                try? await server.stop()
                throw error
            }
            try await server.stop()
        }

        /// Makes the server hang on the next message to `address`: it takes the data and never
        /// answers the final "." (see smtp_server.py).
        func hangOnNextMessage(to address: String) throws {
            try Data(address.utf8).write(to: URL(fileURLWithPath: directory + "/stall-next"))
        }

        /// Whether a hang was asked for and no message has reached it yet.
        var hangPending: Bool { FileManager.default.fileExists(atPath: directory + "/stall-next") }

        func stop() async throws { try await SMTPTestServer.control("stop", directory) }
        func restart() async throws { try await SMTPTestServer.control("start", directory, String(port), mode) }

        /// An `SMTP_URL` for this server, with the test login unless `password` says otherwise.
        func url(password: String = "s3cret-test-password") throws -> String {
            switch mode {
            case "plain": "smtp://127.0.0.1:\(port)"
            case "implicit": "smtps://mailer:\(password)@127.0.0.1:\(port)?tls_ca=\(try SMTPTestServer.ca)"
            default: "smtp://mailer:\(password)@127.0.0.1:\(port)?tls_ca=\(try SMTPTestServer.ca)"
            }
        }
    }

    /// Runs the control script smtp.sh wrote.
    ///
    /// Its output goes to /dev/null, not a pipe: the server it starts in the background would
    /// inherit the pipe and keep it open, so reading to its end would never return.
    static func control(_ arguments: String...) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [try variable("AUTH_TEST_SMTP_CTL")] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else { throw ControlFailed(arguments: arguments, status: status) }
    }

    struct ControlFailed: Error { var arguments: [String]; var status: Int32 }
}
