import Foundation

/// A dedicated thread that runs one connection's blocking libpq calls, one job at a time.
///
/// libpq blocks its calling thread for a whole round trip, so those calls must never run on a NIO
/// event loop or on Swift's cooperative pool (a handful of slow queries would stall every task in
/// the process). Each pooled connection owns one of these threads: jobs are handed over through a
/// condition variable and the awaiting task is resumed when its job ends. Since a connection is
/// leased to one task at a time, at most one job is queued in practice.
///
/// The thread ends when ``stop()`` is called (after any queued jobs), which the owning connection
/// does when it is closed or deallocated.
final class ConnectionThread: @unchecked Sendable {
    // `jobs` and `stopped` are read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var stopped = false

    /// Starts the thread.
    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Runs `work` on this thread and returns its result.
    /// - Throws: what `work` throws, or `PostgresError(.connection)` when the thread has stopped.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            condition.lock()
            guard !stopped else {
                condition.unlock()
                continuation.resume(throwing: PostgresError(.connection, context: "connection closed"))
                return
            }
            jobs.append { continuation.resume(with: Result { try work() }) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Lets the thread end once its queued jobs have run. Later `run` calls fail.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
