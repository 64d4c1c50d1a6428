import Synchronization

extension OutboxWorker {
    /// The stop request of one ``OutboxWorker/run(until:)``: once it is made, lanes claim nothing
    /// more, and deliveries still under way at its deadline are cancelled.
    ///
    /// Sendable through its `Mutex`; waiters are continuations resumed once, on the request or on
    /// their task's cancellation.
    final class Shutdown: Sendable {
        private struct State {
            var deadline: ContinuousClock.Instant?
            var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
            var nextWaiter = 0
        }

        private let state = Mutex(State())

        /// Whether the stop was requested.
        var isRequested: Bool { state.withLock { $0.deadline != nil } }

        /// Requests the stop: deliveries under way may run until `deadline`.
        func request(deadline: ContinuousClock.Instant) {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                guard state.deadline == nil else { return [] }
                state.deadline = deadline
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for waiter in waiters { waiter.resume() }
        }

        /// Returns once the stop is requested, or at once when the calling task is cancelled.
        func requested() async {
            let id = state.withLock { state in
                defer { state.nextWaiter += 1 }
                return state.nextWaiter
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state in
                        // The cancellation flag is set before `onCancel` runs: a handler that ran
                        // first found nothing to resume, and this check sees the flag.
                        if state.deadline != nil || Task.isCancelled { return true }
                        state.waiters[id] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }

        /// Returns once the stop is requested and its deadline has passed (true), or when the
        /// calling task is cancelled first (false).
        func deadlinePassed() async -> Bool {
            await requested()
            guard let deadline = state.withLock({ $0.deadline }) else { return false }
            do { try await Task.sleep(until: deadline) } catch { return false }
            return true
        }

        /// Sleeps for `duration`, waking early when the stop is requested or the task cancelled.
        func sleep(for duration: Duration) async {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(for: duration) }
                group.addTask { await self.requested() }
                await group.next()
                group.cancelAll()
            }
        }
    }
}
