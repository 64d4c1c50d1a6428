import Foundation

/// A small, bounded pool of dedicated threads for CPU-heavy work (password hashing).
///
/// Work never runs on the caller's thread (so never on an event loop). At most `threadCount` jobs
/// run at once and at most `queueLimit` wait; a job beyond that is refused at once (with the
/// error of ``Hooks/refusal``, ``Overloaded`` unless told otherwise) rather than queued without
/// bound. Threads start on demand and end after a few idle seconds, so an idle pool costs nothing
/// and no thread is started in `init`. AuthCore's `BlockingWorkPool.passwordHashing` is the pool
/// its password hasher uses: refusals as `AuthError(.overloaded)`, the queue depth as a metric.
///
/// `@unchecked Sendable`: a lock-guarded class; every mutable property is touched only while
/// `condition` (an `NSCondition`) is locked.
public final class BlockingWorkPool: @unchecked Sendable {
    /// The refusal of a job because the queue was full (the default of ``Hooks/refusal``).
    public struct Overloaded: Error, Hashable, Sendable {
        /// Creates the refusal.
        public init() {}
    }

    /// What the pool tells its owner: the queue depth as it changes, and the error a refused job
    /// throws. `queueDepthChanged` runs under the pool's lock (keep it short, never call back into
    /// the pool); `refusal` runs on the caller's thread.
    public struct Hooks: Sendable {
        /// Called with the number of waiting jobs each time a job is queued or taken.
        public var queueDepthChanged: @Sendable (_ waiting: Int) -> Void
        /// Makes the error a refused job throws; called once per refusal.
        public var refusal: @Sendable () -> any Error

        /// Creates hooks; by default nothing is reported and a refusal throws ``Overloaded``.
        public init(
            queueDepthChanged: @escaping @Sendable (_ waiting: Int) -> Void = { _ in },
            refusal: @escaping @Sendable () -> any Error = { Overloaded() }
        ) {
            self.queueDepthChanged = queueDepthChanged
            self.refusal = refusal
        }
    }

    // Every stored `var` below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    /// Each job calls its argument once its work is done and before it hands the result back, so a
    /// caller that awaited a job sees its thread as free again.
    private var jobs: [(_ markDone: () -> Void) -> Void] = []
    private var head = 0
    private var threads = 0
    private var idleThreads = 0
    private var running = 0

    /// The most jobs that run at once.
    public let threadCount: Int
    /// The most jobs that may wait for a thread.
    public let queueLimit: Int
    /// How long an idle thread waits for work before it exits and its hashing memory is unmapped.
    private let idleTimeout: TimeInterval = 5
    private let hooks: Hooks

    /// Creates a pool.
    /// - Parameters:
    ///   - threadCount: concurrent jobs; defaults to the number of active cores.
    ///   - queueLimit: waiting jobs before new ones are refused; defaults to 8 per thread.
    ///   - hooks: the queue-depth report and the refusal error; by default none and ``Overloaded``.
    public init(threadCount: Int? = nil, queueLimit: Int? = nil, hooks: Hooks = Hooks()) {
        let threads = max(1, threadCount ?? ProcessInfo.processInfo.activeProcessorCount)
        self.threadCount = threads
        self.queueLimit = max(0, queueLimit ?? threads * 8)
        self.hooks = hooks
    }

    /// Runs `work` on a pool thread and returns its result.
    /// - Throws: the error of ``Hooks/refusal`` when the queue is full, or what `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = enqueue { markDone in
                let result = Result { try work() }
                markDone()
                continuation.resume(with: result)
            }
            if !accepted {
                continuation.resume(throwing: hooks.refusal())
            }
        }
    }

    private func enqueue(_ job: @escaping (_ markDone: () -> Void) -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        // Room = allowed waiters + threads not running a job (idle, finishing up, or yet to start).
        let waiting = jobs.count - head
        if waiting >= queueLimit + (threadCount - running) { return false }
        jobs.append(job)
        hooks.queueDepthChanged(waiting + 1)
        if idleThreads > 0 {
            condition.signal()
        } else if threads < threadCount {
            threads += 1
            Thread.detachNewThread { [self] in
                Thread.current.name = "auth-pool"  // Linux thread names hold 15 bytes
                Self.lowerPriority()
                workerLoop()
            }
        }
        return true
    }

    /// Runs this pool's threads at a lower scheduling priority (nice +5) than the event loops, so
    /// a storm of sign-ins slows sign-ins rather than every other request: when both compete for
    /// the cores, the kernel favours the threads that answer cheap requests.
    private static func lowerPriority() {
        #if os(Linux)
        // On Linux nice values are per thread, and PRIO_PROCESS with id 0 sets the calling thread only.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
        #endif
    }

    /// glibc's `malloc_trim(0)`: hands the heap's free pages back to the kernel. Looked up at run
    /// time because the Glibc module does not export `<malloc.h>`; absent (another libc), nothing.
    private static func returnFreeMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }

    private func workerLoop() {
        condition.lock()
        while true {
            if head < jobs.count {
                let job = jobs[head]
                head += 1
                running += 1
                if head > 64, head * 2 > jobs.count { jobs.removeFirst(head); head = 0 }
                hooks.queueDepthChanged(jobs.count - head)
                condition.unlock()
                job { condition.withLock { running -= 1 } }
                condition.lock()
                continue
            }
            idleThreads += 1
            let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleTimeout))
            idleThreads -= 1
            if !signalled, head >= jobs.count {
                threads -= 1
                let lastOne = threads == 0
                condition.unlock()
                // The storm is over: give the heap's free pages back (glibc keeps them otherwise).
                if lastOne { Self.returnFreeMemory() }
                return
            }
        }
    }
}
