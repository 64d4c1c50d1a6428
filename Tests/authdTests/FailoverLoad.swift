import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Traffic against authd while its backing servers fail: sign-ups, `/me` and `/readyz`, each on
/// threads of its own (the client blocks), every answer recorded with its status, time and duration.
///
/// `/readyz` needs the database and no password hash, so it shows when the database is back even
/// where sign-ups are slow (a debug build hashes for about a second each).
final class FailoverLoad: Sendable {
    /// One request and what came of it.
    struct Outcome: Sendable {
        var route: String
        /// The HTTP status; 0 when no answer arrived (the connection failed).
        var status: Int
        var retryAfter: String?
        var started: ContinuousClock.Instant
        var duration: Duration
        /// The address a sign-up used.
        var email: String?
    }

    private let outcomes = Mutex<[Outcome]>([])
    private let running = Atomic<Bool>(true)
    private let finished = Mutex(0)
    private let threads: Int

    /// Starts `signUps` threads signing up new addresses and `reads` threads calling `/me` with
    /// `token`, until ``stop()``.
    init(http: RawHTTPClient, token: String, signUps: Int = 2, reads: Int = 2) {
        threads = signUps + reads + 1
        for index in 0..<threads {
            Thread.detachNewThread { [self] in
                while running.load(ordering: .relaxed) {
                    if index < signUps {
                        signUp(http)
                    } else if index < signUps + reads {
                        read(http, token)
                    } else {
                        record("readyz", email: nil) { try http.request("GET", "/readyz") }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
                finished.withLock { $0 += 1 }
            }
        }
    }

    private func signUp(_ http: RawHTTPClient) {
        let email = "failover-\(UUID().uuidString.prefix(12).lowercased())@example.com"
        record("sign-up", email: email) {
            try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        }
    }

    private func read(_ http: RawHTTPClient, _ token: String) {
        record("me", email: nil) { try http.request("GET", "/api/v1/auth/me", token: token) }
        Thread.sleep(forTimeInterval: 0.02)
    }

    private func record(_ route: String, email: String?, _ request: () throws -> RawHTTPClient.Response) {
        let started = ContinuousClock.now
        let response = try? request()
        let outcome = Outcome(
            route: route, status: response?.status ?? 0, retryAfter: response?.headers["retry-after"], started: started,
            duration: ContinuousClock.now - started, email: email)
        outcomes.withLock { $0.append(outcome) }
        if response == nil { Thread.sleep(forTimeInterval: 0.05) }
    }

    /// Every outcome so far, in the order the requests ended.
    var all: [Outcome] { outcomes.withLock { $0 } }

    /// Whether `route` has been answered `status` by a request started after `instant`.
    func answered(_ route: String, _ status: Int, after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        outcomes.withLock { list in
            list.filter { $0.route == route && $0.status == status && $0.started > instant }.map(\.started).min()
        }
    }

    /// Stops every thread and waits until their last requests ended.
    func stop() async throws {
        running.store(false, ordering: .relaxed)
        for _ in 0..<1200 where finished.withLock({ $0 }) < threads { try await Task.sleep(for: .milliseconds(50)) }
    }
}

/// A PostgreSQL primary with a streaming standby (scripts/failover/pg-pair.sh) under a folder of
/// its own, stopped when the test ends.
final class PostgresPair: Sendable {
    let folder: URL
    let primaryPort: Int
    let standbyPort: Int
    /// Multi-host, `target_session_attrs=read-write`: libpq connects to whichever is the primary.
    let databaseURL: String

    /// Starts the pair; `synchronous`: the primary acknowledges a commit once the standby has it.
    init(synchronous: Bool = false) async throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("authd-failover-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = try await Self.script(["start", folder.path] + (synchronous ? ["sync"] : []))
        var settings: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { settings[String(parts[0])] = String(parts[1]) }
        }
        guard let primary = settings["PRIMARY_PORT"].flatMap(Int.init), let standby = settings["STANDBY_PORT"].flatMap(Int.init),
              let url = settings["DATABASE_URL"]
        else { throw RawHTTPClient.ClientError("pg-pair.sh printed no settings: \(output)") }
        primaryPort = primary
        standbyPort = standby
        databaseURL = url
    }

    /// `pg_ctl stop -m fast` of the primary: a clean switch-over.
    func stopPrimary() async throws { _ = try await Self.script(["stop-primary", folder.path]) }
    /// `kill -9` of the primary: a crash.
    func killPrimary() async throws { _ = try await Self.script(["kill-primary", folder.path]) }
    /// Promotes the standby.
    func promote() async throws { _ = try await Self.script(["promote", folder.path]) }

    /// The addresses of every account on the standby (the new primary once promoted).
    func emailsOnStandby() async throws -> Set<String> {
        let port = standbyPort
        let text = try await offThePool {
            try Self.run("/usr/bin/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "auth_failover", "-At", "-c", "SELECT email FROM users"])
        }
        return Set(text.split(separator: "\n").map(String.init))
    }

    func stop() async {
        _ = try? await Self.script(["stop", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    static let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/failover/pg-pair.sh").path

    private static func script(_ arguments: [String]) async throws -> String {
        try await offThePool { try run("/bin/bash", [scriptPath] + arguments) }
    }

    /// Runs a command and returns its standard output; throws when it fails.
    ///
    /// `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose exit notification was
    /// seen never to arrive for a script that starts daemons (the child stayed a zombie); output
    /// goes to a file, not a pipe, which a daemon may keep open.
    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("pg-pair-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw RawHTTPClient.ClientError("posix_spawn \(executable) failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, spelled out (the C macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw RawHTTPClient.ClientError("\(executable) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}
