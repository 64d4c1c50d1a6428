import Foundation
import Synchronization

/// The built `authd` binary running as a child process, with its stderr captured.
final class AuthdProcess {
    /// What the child wrote to stderr, appended by a reader thread.
    private final class LogBuffer: Sendable {
        let text = Mutex("")
        /// Set once the pipe reached end of file (the child and its descendants closed stderr).
        let closed = Mutex(false)
    }

    let process: Process
    private let log = LogBuffer()
    private let reader: Thread

    /// The built binary: next to the test bundle in the build folder, else `.build/debug/authd`.
    static var binary: URL {
        let besideTests = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("authd")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/authd")
    }

    /// Starts `authd arguments…` with `environment` on top of a clean environment (no settings
    /// inherited from the developer's shell).
    /// - Parameter openFileLimit: a soft `RLIMIT_NOFILE` to start it under (through `sh -c
    ///   'ulimit -n'`, then `exec`, so the process id is authd's).
    init(arguments: [String] = [], environment: [String: String] = [:], openFileLimit: Int? = nil) throws {
        let process = Process()
        if let openFileLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -S -n \(openFileLimit) && exec \"$0\" \"$@\"", Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment.filter { key, _ in
            !key.hasPrefix("OAUTH_") && !key.hasPrefix("DATABASE_") && !["HOST", "PORT", "DATABASE_URL", "REDIS_URL", "SMTP_URL", "MAIL_FROM", "JWT_SECRET", "SESSION_TTL", "RATE_LIMIT",
              "ACCESS_TOKEN_TTL", "SESSION_MAX_LIFETIME", "REFRESH_REUSE_INTERVAL", "REFRESH_RATE_LIMIT",
              "TRUSTED_PROXIES", "GEOIP_DB", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_ISSUER",
              "OAUTH_REDIRECT_ALLOWLIST", "LOG_LEVEL", "MAIL_LOG", "HTTP_READ_TIMEOUT", "HTTP_IDLE_TIMEOUT",
              "HTTP_REQUEST_TIMEOUT", "HTTP_MAX_CONNECTIONS", "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "SHUTDOWN_GRACE",
              "LOG_FORMAT", "METRICS_PORT", "REAUTHENTICATION_WINDOW"].contains(key)
        }
        env.merge(environment) { _, new in new }
        process.environment = env
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        let handle = pipe.fileHandleForReading
        let log = self.log
        reader = Thread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                log.text.withLock { $0 += String(decoding: chunk, as: UTF8.self) }
            }
            log.closed.withLock { $0 = true }
        }
        try process.run()
        reader.start()
    }

    /// Everything written to stderr so far.
    var stderr: String { log.text.withLock { $0 } }

    /// Waits until stderr matches `regex` and returns the first capture, or fails once the
    /// process has exited (or after a very generous safety limit, so a hang cannot block CI).
    func waitFor(_ regex: Regex<(Substring, Substring)>) async throws -> String {
        for _ in 0..<1200 {
            let text = stderr
            if let match = text.firstMatch(of: regex) { return String(match.1) }
            // Stop only once the child is gone *and* everything it wrote has been read.
            if !process.isRunning, log.closed.withLock({ $0 }) { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RawHTTPClient.ClientError("authd never logged \(regex); stderr:\n\(stderr)")
    }

    /// The one-time codes logged so far, oldest first.
    var loggedCodes: [String] { stderr.matches(of: /code=(\d{6})/).map { String($0.1) } }

    /// How many descriptors the process has open (from `/proc/<pid>/fd`).
    var openDescriptors: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? 0
    }

    /// Sends SIGTERM and waits for the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}
