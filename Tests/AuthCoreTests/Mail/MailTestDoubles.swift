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
    private let records = Mutex<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])

    var logger: Logger {
        var logger = Logger(label: "test.mail") { _ in Handler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    func messages(at level: Logger.Level) -> [String] {
        records.withLock { $0.filter { $0.level == level }.map(\.message) }
    }

    /// Every record at any level as one text: its message, then its metadata (the logger's and
    /// the record's own).
    func lines() -> [String] {
        records.withLock { $0.map { "\($0.message) \($0.metadata)" } }
    }

    fileprivate func append(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        records.withLock { $0.append((level, message, metadata)) }
    }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.append(event.level, "\(event.message)", metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}

/// A transport that hangs on mail to one address until its task is cancelled (an SMTP server that
/// never answers the final "."), and delivers everything else at once.
final class StallingTransport: MailTransport {
    private struct State {
        var stalled: [MailMessage] = []
        var cancelled: [MailMessage] = []
        var delivered: [MailMessage] = []
    }
    private let state = Mutex(State())
    let address: EmailAddress

    init(stallingMailTo address: EmailAddress) { self.address = address }

    /// Deliveries hanging now.
    var stalled: [MailMessage] { state.withLock { $0.stalled } }
    /// Hanging deliveries that were cancelled.
    var cancelled: [MailMessage] { state.withLock { $0.cancelled } }
    var delivered: [MailMessage] { state.withLock { $0.delivered } }

    func deliver(_ message: MailMessage) async throws {
        guard message.to == address else {
            state.withLock { $0.delivered.append(message) }
            return
        }
        state.withLock { $0.stalled.append(message) }
        defer { state.withLock { s in s.stalled.removeAll { $0.id == message.id } } }
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            state.withLock { $0.cancelled.append(message) }
            throw error
        }
    }
}

/// An outbox that leases every due message whatever limit a claim asks for, as PostgreSQL did
/// when a generic plan reran the claim's locking subquery per row (docs/postgres.md).
struct GreedyOutbox: MailOutbox {
    let base: InMemoryMailOutbox
    func enqueue(_ message: MailMessage) async throws { await base.enqueue(message) }
    func claim(limit: Int, lease: Duration) async throws -> [ClaimedMail] { await base.claim(limit: .max, lease: lease) }
    func markSent(_ claim: ClaimedMail) async throws { await base.markSent(claim) }
    func markFailed(_ claim: ClaimedMail, error: String, nextAttemptAt: Date) async throws {
        await base.markFailed(claim, error: error, nextAttemptAt: nextAttemptAt)
    }
    func giveUp(_ claim: ClaimedMail, error: String) async throws { await base.giveUp(claim, error: error) }
    func summary() async throws -> MailOutboxSummary { await base.summary() }
    func eraseData(of user: User) async throws { await base.eraseData(of: user) }
}

/// Polls `condition` until it holds. It has no deadline of its own, so a loaded machine (the
/// whole suite runs in parallel on two cores) cannot fail a correct worker; the suite's time limit
/// fails a regression that never gets there.
func eventually(_ condition: () async throws -> Bool) async throws {
    while try await !condition() { try await Task.sleep(for: .milliseconds(5)) }
}
