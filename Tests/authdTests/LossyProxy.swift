import Foundation
import Synchronization

/// A small HTTP/1.1 proxy (a Python script, run with `posix_spawn`) in front of several authd
/// instances: each client connection goes to the next instance in turn, and a share of the answers
/// to `POST …/token/refresh` is dropped *after* authd answered (the connection is closed instead
/// of forwarding it), as a mobile network loses a response.
final class LossyProxy: Sendable {
    let port: UInt16
    private let pid: pid_t
    private let output: URL

    /// Starts the proxy in front of `upstreams` (ports on 127.0.0.1), dropping `dropRate` of the
    /// refresh answers (seeded, so a run can be repeated).
    init(upstreams: [UInt16], dropRate: Double, seed: Int = 38) async throws {
        let output = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lossy-proxy-\(UUID().uuidString).out")
        self.output = output
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = ["/usr/bin/python3", "-u", "-c", Self.script, String(dropRate), String(seed)] + upstreams.map(String.init)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw RawHTTPClient.ClientError("posix_spawn python3 failed: \(spawned)") }
        self.pid = pid
        var port: UInt16?
        for _ in 0..<200 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let match = text.firstMatch(of: /listening (\d+)/) { port = UInt16(match.1); break }
            try await Task.sleep(for: .milliseconds(50))
        }
        guard let port else {
            kill(pid, SIGKILL)
            throw RawHTTPClient.ClientError("the proxy did not start: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        }
        self.port = port
    }

    /// `dropped=N forwarded=M` of the refresh answers, as the proxy last reported.
    var counts: (dropped: Int, forwarded: Int) {
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard let last = text.matches(of: /refresh dropped=(\d+) forwarded=(\d+)/).last else { return (0, 0) }
        return (Int(last.1) ?? 0, Int(last.2) ?? 0)
    }

    /// Stops the proxy and waits for it. SIGKILL: a child of `posix_spawn` inherits the test
    /// thread's signal mask, in which SIGTERM may be blocked.
    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        try? FileManager.default.removeItem(at: output)
    }

    static let script = #"""
import asyncio, itertools, random, sys

drop_rate, rng = float(sys.argv[1]), random.Random(int(sys.argv[2]))
upstreams = itertools.cycle(int(p) for p in sys.argv[3:])
stats = {"dropped": 0, "forwarded": 0}

async def read_message(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return head, body

async def serve(client_reader, client_writer):
    upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", next(upstreams))
    try:
        while True:
            try:
                head, body = await read_message(client_reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            upstream_writer.write(head + body)
            await upstream_writer.drain()
            answer_head, answer_body = await read_message(upstream_reader)
            if b"/token/refresh" in head.split(b"\r\n", 1)[0]:
                if rng.random() < drop_rate:
                    stats["dropped"] += 1
                    print(f"refresh dropped={stats['dropped']} forwarded={stats['forwarded']}", flush=True)
                    return
                stats["forwarded"] += 1
                print(f"refresh dropped={stats['dropped']} forwarded={stats['forwarded']}", flush=True)
            client_writer.write(answer_head + answer_body)
            await client_writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        return
    finally:
        for w in (client_writer, upstream_writer):
            try:
                w.close()
            except Exception:
                pass

async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
"""#
}
