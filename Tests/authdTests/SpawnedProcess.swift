import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child started with `posix_spawn`, its output in a file, stopped with a signal and reaped
/// with `waitpid`: Foundation's `Process` was seen never to report an exit (FailoverLoad.swift).
final class SpawnedProcess: Sendable {
    let pid: pid_t
    let output: URL
    /// The exit status once reaped (a pid is reaped once).
    private let status = Mutex<Int32?>(nil)

    /// Starts `executable arguments…` with `environment` added to this process's.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("spawned-\(UUID().uuidString).out")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        // The test runner ignores or blocks some signals, and a child inherits that: restore the
        // defaults, so SIGTERM stops the child (a Python receiver ignored it otherwise).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw RawHTTPClient.ClientError("posix_spawn \(executable) failed: \(spawned)") }
        self.pid = pid
    }

    /// What the child wrote so far (stdout and stderr).
    var text: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Waits for the exit and returns the exit status (128 + signal for a signalled child).
    @discardableResult
    func wait() async throws -> Int32 {
        if let known = status.withLock({ $0 }) { return known }
        let pid = pid
        let raw = try await offThePool { () -> Int32 in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return status
        }
        let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        status.withLock { $0 = code }
        return code
    }

    /// Sends `signal` and waits for the exit.
    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) async throws -> Int32 {
        if status.withLock({ $0 }) == nil { kill(pid, signal) }
        return try await wait()
    }

    /// Waits until the output matches `regex` and returns the first capture.
    func waitFor(_ regex: Regex<(Substring, Substring)>) async throws -> String {
        for _ in 0..<600 {
            if let match = text.firstMatch(of: regex) { return String(match.1) }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw RawHTTPClient.ClientError("never printed \(regex): \(text)")
    }

    deinit {
        if status.withLock({ $0 }) == nil {
            kill(pid, SIGKILL)
            var raw: Int32 = 0
            waitpid(pid, &raw, 0)
        }
        try? FileManager.default.removeItem(at: output)
    }
}
