import AuthCore
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
        let pool = BlockingWorkPool(threadCount: 1, queueLimit: 1)
        let name = try await pool.run { Thread.current.name }
        #expect(name == "auth-pool")
    }

    @Test func aFullPoolRefusesWorkAsOverloadedInsteadOfQueueingIt() async throws {
        let pool = BlockingWorkPool(threadCount: 1, queueLimit: 0)
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
        let pool = BlockingWorkPool(threadCount: 2)
        await #expect(throws: Boom.self) { try await pool.run { throw Boom() } }
    }
}
