import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// The mail outbox contract, and delivery through workers, against a real PostgreSQL (each test on
/// its own freshly migrated schema).
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresMailOutboxTests {
    @Test(arguments: MailOutboxContract.checks)
    func contract(_ check: ContractCheck<any MailOutbox>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            try await check.run(ContractFixture(subject: PostgresMailOutbox(pool: stores.pool, clock: clock) as any MailOutbox, clock: clock))
        }
    }

    @Test func mailOutlivesTheProcessThatQueuedItAndIsDeliveredOnce() async throws {
        try await TestDatabase.withSchema { stores, schema in
            let clock = ManualClock()
            let messages = (0..<30).map { _ in MailOutboxContract.message(at: clock.now) }
            for message in messages { try await OutboxMailer(outbox: PostgresMailOutbox(pool: stores.pool, clock: clock)).send(message) }

            // Two "instances" with pools of their own deliver concurrently.
            let url = TestDatabase.url(try TestDatabase.requireURL(), adding: "options=-csearch_path%3D\(schema)")
            let pools = (0..<2).map { _ in PostgresConnectionPool(configuration: .init(url: url, maxConnections: 3)) }
            defer { pools.forEach { $0.shutdown() } }
            let transport = RecordingTransport()
            let workers = pools.map { OutboxWorker(outbox: PostgresMailOutbox(pool: $0, clock: clock), transport: transport, clock: clock) }
            async let first = workers[0].deliverDue()
            async let second = workers[1].deliverDue()
            #expect(await first + second == 30)
            let delivered = await transport.delivered
            #expect(delivered.count == 30)
            #expect(Set(delivered.map(\.id)) == Set(messages.map(\.id)))
            #expect(Set(delivered) == Set(messages))
            #expect(try await PostgresMailOutbox(pool: stores.pool, clock: clock).summary() == MailOutboxSummary(pending: 0, givenUp: 0))
        }
    }
}

/// Records every message delivered.
actor RecordingTransport: MailTransport {
    private(set) var delivered: [MailMessage] = []
    func deliver(_ message: MailMessage) { delivered.append(message) }
}
