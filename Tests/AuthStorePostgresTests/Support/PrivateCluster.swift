import Foundation

/// A throw-away PostgreSQL cluster started with scripts/test-servers/postgres.sh, for tests that
/// stop and start the server (they must not disturb the shared one other suites use).
final class PrivateCluster: Sendable {
    let url: String
    let dataDirectory: String
    let binDirectory: String
    let folder: String

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/test-servers/postgres.sh").path
    }

    /// Creates and starts a cluster in a new temporary folder (blocking, about a second).
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("auth-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let output = try Self.run(
            "/bin/bash", ["-c", #"set -e; source "$1"; start_postgres; printf '%s\n%s\n%s\n' "$AUTH_TEST_DATABASE_URL" "$AUTH_TEST_PG_DATADIR" "$AUTH_TEST_PG_BINDIR""#, "bash", Self.script],
            environment: ["TEST_SERVERS_DIR": folder])
        let lines = output.split(separator: "\n").map(String.init)
        guard lines.count >= 3 else { throw Failure(description: "postgres.sh printed \(output)") }
        (url, dataDirectory, binDirectory) = (lines[lines.count - 3], lines[lines.count - 2], lines[lines.count - 1])
    }

    /// Runs `pg_ctl <action>` on this cluster as its owner and waits for it.
    func pgctl(_ action: String) throws {
        var arguments = ["\(binDirectory)/pg_ctl", "-D", dataDirectory, "-w", "-t", "60", "-l", "\(folder)/postgres/server.log"]
        if action != "start" { arguments += ["-m", "fast"] }
        arguments.append(action)
        if getuid() == 0 {
            _ = try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--"] + arguments)
        } else {
            _ = try Self.run(arguments[0], Array(arguments.dropFirst()))
        }
    }

    /// Stops the cluster and deletes its folder.
    func destroy() {
        try? pgctl("stop")
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a program and returns its standard output. Uses `posix_spawn` and `waitpid` directly:
    /// Foundation's `Process.waitUntilExit` can miss the exit of a child on Linux and hang.
    @discardableResult
    private static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("auth-pg-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot run \(executable): \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // Exited normally with status 0 (WIFEXITED && WEXITSTATUS == 0).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return output
    }
}
