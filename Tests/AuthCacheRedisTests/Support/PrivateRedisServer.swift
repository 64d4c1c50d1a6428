import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A redis-server of a test's own, on a free port, that the test may stop and start again.
///
/// Outage tests use it rather than the shared test server, which other suites use in parallel.
final class PrivateRedisServer: @unchecked Sendable {
    // @unchecked Sendable: `process` is touched only by the one test that owns the server,
    // sequentially (start, stop, start, stop).
    let port: Int
    let password: String?
    private let directory: URL
    private var process: Process?

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Picks a port and a folder; does not start yet.
    init(password: String? = nil) throws {
        self.port = try SilentListener.freePort()
        self.password = password
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("auth-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        process?.terminate()
        process?.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// `redis://[:password@]127.0.0.1:port[/database]`.
    func url(database: Int? = nil, password override: String? = nil) -> String {
        let secret = override ?? password
        return "redis://\(secret.map { ":\($0)@" } ?? "")127.0.0.1:\(port)\(database.map { "/\($0)" } ?? "")"
    }

    /// Starts redis-server (from PATH) and waits until it accepts connections.
    func start() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["redis-server", "--bind", "127.0.0.1", "--port", String(port), "--save", "",
                         "--appendonly", "no", "--dir", directory.path, "--daemonize", "no", "--loglevel", "warning"]
        if let password { arguments += ["--requirepass", password] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        for _ in 0..<100 {
            if Self.accepts(port: port) { return }
            guard process.isRunning else { throw Failure(description: "redis-server exited at start") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "redis-server did not start on port \(port)")
    }

    /// Kills the server (SIGKILL: an abrupt outage) and waits for it to exit.
    func stop() {
        guard let process else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
