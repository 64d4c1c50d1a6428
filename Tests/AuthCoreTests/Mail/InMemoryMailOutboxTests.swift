import AuthCore
import AuthTesting
import Foundation
import Testing

@Suite struct InMemoryMailOutboxTests {
    @Test(arguments: MailOutboxContract.checks)
    func contract(_ check: ContractCheck<any MailOutbox>) async throws {
        let clock = ManualClock()
        try await check.run(ContractFixture(subject: InMemoryMailOutbox(clock: clock), clock: clock))
    }

    @Test func givenUpMessagesKeepTheirLastError() async throws {
        let clock = ManualClock()
        let outbox = InMemoryMailOutbox(clock: clock)
        let message = MailOutboxContract.message(at: clock.now)
        await outbox.enqueue(message)
        let claim = try #require(await outbox.claim(limit: 1, lease: .seconds(60)).first)
        await outbox.giveUp(claim, error: "550 mailbox unavailable")
        let dead = await outbox.givenUpMessages
        #expect(dead.map(\.message) == [message])
        #expect(dead.first?.error == "550 mailbox unavailable")
        #expect(await outbox.pendingMessages.isEmpty)
    }
}
