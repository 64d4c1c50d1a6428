import AuthCore
import AuthHashing
import Foundation
import Synchronization
import Testing

@Suite struct BlockingWorkPoolTests {
    /// A latch a pool job can wait on, opened from the test.
    final class Gate: Sendable {
        private let started = DispatchSemaphore(value: 0)
        private let release = DispatchSemaphore(value: 0)
        func enterAndWait() { started.signal(); release.wait() }
        func waitUntilEntered() async { await withCheckedContinuation { c in DispatchQueue.global().async { self.started.wait(); c.resume() } } }
        func open() { release.signal() }
    }

    @Test func workRunsOnAPoolThreadNotTheCallers() async throws {
        let pool = BlockingWorkPool.passwordHashing(threadCount: 1, queueLimit: 1)
        #if os(Linux)
        // Pool threads, and only they, run at nice +5 (a per-thread value on Linux). Read through
        // the kernel rather than `Thread.current.name`, which corelibs Foundation sometimes reports
        // from another thread under load.
        let niceness = try await pool.run { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
        #expect(niceness == 5)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) != 5)
        #else
        let name = try await pool.run { Thread.current.name }
        #expect(name == "auth-pool")
        #endif
    }

    @Test func aFullPoolRefusesWorkAsOverloadedInsteadOfQueueingIt() async throws {
        let pool = BlockingWorkPool.passwordHashing(threadCount: 1, queueLimit: 0)
        let gate = Gate()
        async let running: Void = pool.run { gate.enterAndWait() }
        await gate.waitUntilEntered()
        let error = await #expect(throws: AuthError.self) { try await pool.run { 1 } }
        #expect(error?.code == .overloaded)
        gate.open()
        try await running
        #expect(try await pool.run { 2 } == 2)
    }

    @Test func thrownErrorsReachTheCaller() async throws {
        struct Boom: Error {}
        let pool = BlockingWorkPool.passwordHashing(threadCount: 2)
        await #expect(throws: Boom.self) { try await pool.run { throw Boom() } }
    }
}
