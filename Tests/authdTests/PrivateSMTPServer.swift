import Foundation

/// A test SMTP server of a test's own (plain: no TLS, no login), started with the control script
/// scripts/test-servers/smtp.sh wrote, so a test can stop, restart or hang it without touching the
/// shared one.
struct PrivateSMTPServer {
    let directory: URL
    let port: Int

    /// The `SMTP_URL` for authd.
    var url: String { "smtp://127.0.0.1:\(port)" }

    /// Starts a fresh server beside the shared one (so `stop_smtp` stops it if a test does not).
    static func start() async throws -> PrivateSMTPServer {
        let env = ProcessInfo.processInfo.environment
        guard let shared = env["AUTH_TEST_SMTP_DIR"] else {
            throw RawHTTPClient.ClientError("AUTH_TEST_SMTP_DIR is not set: run under scripts/with-test-servers.sh")
        }
        let directory = URL(fileURLWithPath: shared).deletingLastPathComponent()
            .appendingPathComponent("authd-\(UUID().uuidString.prefix(8))")
        try await control("start", directory.path, "", "plain")
        let written = try String(contentsOf: directory.appendingPathComponent("port"), encoding: .utf8)
        guard let port = Int(written.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw RawHTTPClient.ClientError("the test SMTP server wrote no port")
        }
        return PrivateSMTPServer(directory: directory, port: port)
    }

    func stop() async throws { try await Self.control("stop", directory.path) }
    func restart() async throws { try await Self.control("start", directory.path, String(port), "plain") }

    /// Makes the server hang on the next message to `address`: it takes the data and never
    /// answers the final "." (see smtp_server.py).
    func hangOnNextMessage(to address: String) throws {
        try Data(address.utf8).write(to: stallMarker)
    }

    /// Whether a hang was asked for and no message has reached it yet.
    var hangPending: Bool { FileManager.default.fileExists(atPath: stallMarker.path) }

    /// How many received messages are addressed to each of `addresses`.
    func received(to addresses: Set<String>) -> [String: Int] {
        let maildir = directory.appendingPathComponent("maildir")
        let files = (try? FileManager.default.contentsOfDirectory(at: maildir, includingPropertiesForKeys: nil)) ?? []
        var counts: [String: Int] = [:]
        for file in files where file.pathExtension == "eml" {
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                  let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("X-Test-Envelope-To: ") })
            else { continue }
            let to = String(line.dropFirst("X-Test-Envelope-To: ".count))
            if addresses.contains(to) { counts[to, default: 0] += 1 }
        }
        return counts
    }

    private var stallMarker: URL { directory.appendingPathComponent("stall-next") }

    private static func control(_ arguments: String...) async throws {
        guard let script = ProcessInfo.processInfo.environment["AUTH_TEST_SMTP_CTL"] else {
            throw RawHTTPClient.ClientError("AUTH_TEST_SMTP_CTL is not set: run under scripts/with-test-servers.sh")
        }
        let status = try await offThePool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [script] + arguments
            // Not a pipe: the server started in the background would inherit it (see smtp.sh).
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        guard status == 0 else { throw RawHTTPClient.ClientError("the SMTP control script failed: \(arguments)") }
    }
}
