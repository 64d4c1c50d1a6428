import AuthCore
import AuthTesting
import Foundation
import Testing

/// The in-memory state store is a product: it passes the port's contract suite.
@Suite struct InMemoryEphemeralStateStoreTests {
    @Test(arguments: EphemeralStateStoreContract.checks)
    func contract(_ check: ContractCheck<any EphemeralStateStore>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemoryEphemeralStateStore(clock: clock), clock: clock))
    }

    /// As in Redis (`PX` takes whole milliseconds), a TTL is rounded up to at least 1 ms.
    @Test func ttlIsRoundedUpToWholeMilliseconds() async {
        let clock = ManualClock()
        let store = InMemoryEphemeralStateStore(clock: clock)
        #expect(await store.put("a", value: [1], ttl: .zero))
        #expect(await store.put("b", value: [2], ttl: .microseconds(1500)))
        clock.advance(by: .milliseconds(1))
        #expect(await store.take("a") == nil)
        #expect(await store.put("b", value: [3], ttl: .seconds(1)) == false)  // 2 ms: still live
        clock.advance(by: .milliseconds(1))
        #expect(await store.put("b", value: [3], ttl: .seconds(1)))
    }
}
