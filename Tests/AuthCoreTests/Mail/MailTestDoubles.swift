import AuthCore
import Foundation
import Logging
import Synchronization

/// A transport that fails with scripted errors, then delivers; it records every attempt.
actor ScriptedTransport: MailTransport {
    private var failures: [MailTransportError]
    private let failForever: MailTransportError?
    private(set) var attempts: [MailMessage] = []
    private(set) var delivered: [MailMessage] = []

    init(failures: [MailTransportError] = [], failForever: MailTransportError? = nil) {
        self.failures = failures
        self.failForever = failForever
    }

    func deliver(_ message: MailMessage) async throws {
        attempts.append(message)
        if !failures.isEmpty { throw failures.removeFirst() }
        if let failForever { throw failForever }
        delivered.append(message)
    }
}

/// A transport whose deliveries wait until released, to observe a worker mid-delivery.
final class GatedTransport: MailTransport {
    private let state = Mutex<(gate: CheckedContinuation<Void, Never>?, delivered: [MailMessage])>((nil, []))
    let started: AsyncStream<Void>
    private let startedContinuation: AsyncStream<Void>.Continuation

    init() { (started, startedContinuation) = AsyncStream.makeStream() }

    var delivered: [MailMessage] { state.withLock { $0.delivered } }

    func deliver(_ message: MailMessage) async throws {
        await withCheckedContinuation { continuation in
            state.withLock { $0.gate = continuation }
            startedContinuation.yield()
        }
        state.withLock { $0.delivered.append(message) }
    }

    /// Lets the delivery under way finish.
    func release() { state.withLock { s in s.gate?.resume(); s.gate = nil } }
}

/// Collects log records, to check what operators would see.
final class LogCapture: Sendable {
    private let records = Mutex<[(level: Logger.Level, message: String)]>([])

    var logger: Logger {
        var logger = Logger(label: "test.mail") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    func messages(at level: Logger.Level) -> [String] {
        records.withLock { $0.filter { $0.level == level }.map(\.message) }
    }

    fileprivate func append(_ level: Logger.Level, _ message: String) {
        records.withLock { $0.append((level, message)) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { capture.append(event.level, "\(event.message)") }
    }
}
