import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// The mail outbox contract, and delivery through workers, against a real PostgreSQL (each test on
/// its own freshly migrated schema).
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresMailOutboxTests {
    // `try!`: a 32-byte literal secret cannot be refused (the only failure is a short one).
    static let sealer = try! MailSealer(secret: Array(repeating: 4, count: 32))

    @Test func theTableHoldsNoCodeInClearAndAGivenUpRowIsScrubbed() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let outbox = PostgresMailOutbox(pool: stores.pool, sealer: Self.sealer, clock: clock)
            let message = MailMessage(
                to: EmailAddress(normalized: "ada@example.com"), kind: .resetPassword(code: "428613", expiresAt: clock.now + 600))
            try await outbox.enqueue(message)
            let stored = try await stores.pool.query("SELECT payload::text AS payload FROM mail_outbox").rows.first?.string("payload")
            #expect(stored?.contains("428613") == false)
            #expect(stored?.contains("sealed") == true)

            let claims = try await outbox.claim(limit: 1, lease: .seconds(60))
            #expect(claims.first?.message == message)  // opened again for delivery
            try await outbox.giveUp(try #require(claims.first), error: "550 no such user")
            let scrubbed = try await stores.pool.query("SELECT payload::text AS payload, last_error FROM mail_outbox").rows.first
            #expect(try scrubbed?.string("payload").contains("sealed") == false)
            #expect(try scrubbed?.string("last_error") == "550 no such user")

            // Another secret cannot read what this one sealed.
            try await outbox.enqueue(MailOutboxContract.message(at: clock.now))
            let other = PostgresMailOutbox(pool: stores.pool, sealer: try MailSealer(secret: Array(repeating: 5, count: 32)), clock: clock)
            await #expect(throws: AuthError.self) { try await other.claim(limit: 1, lease: .seconds(60)) }
        }
    }
    @Test(arguments: MailOutboxContract.checks)
    func contract(_ check: ContractCheck<any MailOutbox>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            try await check.run(ContractFixture(subject: PostgresMailOutbox(pool: stores.pool, sealer: Self.sealer, clock: clock) as any MailOutbox, clock: clock))
        }
    }

    /// One connection, so the prepared claim is reused: after five runs PostgreSQL may switch to a
    /// generic plan by itself (`auto`); `force_generic_plan` makes it do so from the first run.
    /// The table was analyzed while empty (as autovacuum does after a burst was delivered): with
    /// that, the generic plan of the old `UPDATE … FROM (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)`
    /// rescanned the subquery per row and leased all 30 rows in the first claim.
    @Test(arguments: ["auto", "force_generic_plan"])
    func aClaimLeasesExactlyTheRowsItReturnsWhateverThePlan(_ planCacheMode: String) async throws {
        try await TestDatabase.withSchema { stores, schema in
            let url = TestDatabase.url(
                try TestDatabase.requireURL(),
                adding: "options=-csearch_path%3D\(schema)%20-cplan_cache_mode%3D\(planCacheMode)")
            let pool = PostgresConnectionPool(configuration: .init(url: url, maxConnections: 1))
            defer { pool.shutdown() }
            let clock = ManualClock()
            let outbox = PostgresMailOutbox(pool: pool, sealer: Self.sealer, clock: clock)
            for _ in 0..<30 { try await outbox.enqueue(MailOutboxContract.message(at: clock.now)) }
            try await pool.query("DELETE FROM mail_outbox")
            try await pool.query("ANALYZE mail_outbox")
            for _ in 0..<30 { try await outbox.enqueue(MailOutboxContract.message(at: clock.now)) }
            for claims in 1...10 {
                #expect(try await outbox.claim(limit: 1, lease: .seconds(300)).count == 1)
                let leased = try await pool.query("SELECT count(*) AS n FROM mail_outbox WHERE attempts > 0").rows.first?.int("n")
                #expect(leased == claims, "claim \(claims) of LIMIT 1 leased \(leased ?? 0) rows in all")
            }
            #expect(try await outbox.claim(limit: 5, lease: .seconds(300)).count == 5)
            #expect(try await outbox.claim(limit: 100, lease: .seconds(300)).count == 15)
        }
    }

    @Test func mailOutlivesTheProcessThatQueuedItAndIsDeliveredOnce() async throws {
        try await TestDatabase.withSchema { stores, schema in
            let clock = ManualClock()
            let messages = (0..<30).map { _ in MailOutboxContract.message(at: clock.now) }
            for message in messages { try await OutboxMailer(outbox: PostgresMailOutbox(pool: stores.pool, sealer: Self.sealer, clock: clock)).send(message) }

            // Two "instances" with pools of their own deliver concurrently.
            let url = TestDatabase.url(try TestDatabase.requireURL(), adding: "options=-csearch_path%3D\(schema)")
            let pools = (0..<2).map { _ in PostgresConnectionPool(configuration: .init(url: url, maxConnections: 3)) }
            defer { pools.forEach { $0.shutdown() } }
            let transport = RecordingTransport()
            let workers = pools.map { OutboxWorker(outbox: PostgresMailOutbox(pool: $0, sealer: Self.sealer, clock: clock), transport: transport, clock: clock) }
            async let first = workers[0].deliverDue()
            async let second = workers[1].deliverDue()
            #expect(await first + second == 30)
            let delivered = await transport.delivered
            #expect(delivered.count == 30)
            #expect(Set(delivered.map(\.id)) == Set(messages.map(\.id)))
            #expect(Set(delivered) == Set(messages))
            #expect(try await PostgresMailOutbox(pool: stores.pool, sealer: Self.sealer, clock: clock).summary() == MailOutboxSummary(pending: 0, givenUp: 0))
        }
    }
}

/// Records every message delivered.
actor RecordingTransport: MailTransport {
    private(set) var delivered: [MailMessage] = []
    func deliver(_ message: MailMessage) { delivered.append(message) }
}
