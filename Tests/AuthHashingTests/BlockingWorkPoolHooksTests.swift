import AuthHashing
import Dispatch
import Synchronization
import Testing

/// The pool on its own, without AuthCore's password-hashing hooks: it refuses with ``Overloaded``
/// (or the error its hooks make) and reports its queue depth.
@Suite struct BlockingWorkPoolHooksTests {
    /// A latch a pool job can wait on, opened from the test.
    final class Gate: Sendable {
        private let started = DispatchSemaphore(value: 0)
        private let release = DispatchSemaphore(value: 0)
        func enterAndWait() { started.signal(); release.wait() }
        func waitUntilEntered() async { await withCheckedContinuation { c in DispatchQueue.global().async { self.started.wait(); c.resume() } } }
        func open() { release.signal() }
    }

    struct Busy: Error, Equatable {}

    @Test func aPlainPoolRefusesWithOverloaded() async throws {
        let pool = BlockingWorkPool(threadCount: 1, queueLimit: 0)
        let gate = Gate()
        async let running: Void = pool.run { gate.enterAndWait() }
        await gate.waitUntilEntered()
        await #expect(throws: BlockingWorkPool.Overloaded()) { try await pool.run { 1 } }
        gate.open()
        try await running
        #expect(try await pool.run { 2 } == 2)
    }

    @Test func hooksChooseTheRefusalAndSeeTheQueue() async throws {
        let depths = Mutex<[Int]>([])
        let refusals = Mutex(0)
        let pool = BlockingWorkPool(
            threadCount: 1, queueLimit: 1,
            hooks: .init(
                queueDepthChanged: { waiting in depths.withLock { $0.append(waiting) } },
                refusal: { refusals.withLock { $0 += 1 }; return Busy() }))
        let gate = Gate()
        async let running: Void = pool.run { gate.enterAndWait() }
        await gate.waitUntilEntered()
        async let queued = pool.run { 3 }
        // The second job waits (the one queue place); wait until the pool has seen it.
        while depths.withLock({ $0.last }) != 1 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: Busy()) { try await pool.run { 4 } }
        #expect(refusals.withLock { $0 } == 1)
        gate.open()
        try await running
        #expect(try await queued == 3)
        #expect(depths.withLock { $0.contains(1) && $0.last == 0 })
    }
}
