import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// scripts/webhook_receiver.py: a receiver built on the `standardwebhooks` package (PyPI) that
/// verifies every request and logs what it found, one JSON line per request.
final class WebhookReceiver: Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/webhook_receiver.py")

    let folder: URL
    let port: UInt16
    let process: SpawnedProcess

    var url: String { "http://127.0.0.1:\(port)/hooks" }
    var secretFile: URL { folder.appendingPathComponent("secret") }
    var logFile: URL { folder.appendingPathComponent("received.jsonl") }

    /// Starts a receiver on `port` (0: a free one) that logs into `folder` (default: a new one).
    init(port: UInt16 = 0, folder: URL? = nil) async throws {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        process = try SpawnedProcess(
            "python3", [Self.script.path, "@" + folder.appendingPathComponent("secret").path,
                        folder.appendingPathComponent("received.jsonl").path, String(port)])
        self.port = try #require(UInt16(try await process.waitFor(/listening on (\d+)/)))
    }

    /// The receiver started again on the same port and log.
    func restarted() async throws -> WebhookReceiver { try await WebhookReceiver(port: port, folder: folder) }

    /// Sets the endpoint's secret the receiver verifies with.
    func use(secret: String) throws { try Data(secret.utf8).write(to: secretFile) }

    /// Every request received so far, oldest first.
    var entries: [[String: Any]] {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The verified deliveries about `email`.
    func verified(about email: String) -> [[String: Any]] {
        entries.filter { $0["ok"] as? Bool == true && ($0["data"] as? [String: Any])?["email"] as? String == email }
    }

    /// Waits until `done` holds for the entries, or a generous safety net has passed.
    func waitUntil(_ what: String, _ done: ([[String: Any]]) -> Bool) async throws {
        for _ in 0..<1200 {
            if done(entries) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RawHTTPClient.ClientError("the receiver never saw \(what); it logged:\n\(entries)")
    }

    /// POSTs `body` with `headers` to the receiver as they are and returns its status.
    func post(_ body: Data, headers: [String: String]) throws -> Int {
        var head = "POST /hooks HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\nContent-Type: application/json\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return try RawHTTPClient(port: port).raw(Data(head.utf8) + body).status
    }

    /// Kills the receiver, as an outage would (its port refuses connections until it is started
    /// again).
    func stop() async throws { try await process.stop(SIGKILL) }
}
