import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// The webhook store contract against a real PostgreSQL (each test on its own freshly migrated
/// schema), and what the tables hold.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresWebhookStoreTests {
    static let key = Array(repeating: UInt8(6), count: 32)

    @Test(arguments: WebhookStoreContract.checks)
    func contract(_ check: ContractCheck<any WebhookStore>) async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let store = try PostgresWebhookStore(pool: stores.pool, encryptionKey: Self.key, clock: clock)
            try await check.run(ContractFixture(subject: store as any WebhookStore, clock: clock))
        }
    }

    @Test func theSigningSecretIsStoredSealedAndOpensOnlyWithTheKey() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let store = try PostgresWebhookStore(pool: stores.pool, encryptionKey: Self.key, clock: clock)
            let endpoint = WebhookStoreContract.endpoint(at: clock.now)
            try await store.addEndpoint(endpoint)
            let raw = try await stores.pool.query("SELECT secret FROM webhook_endpoints").rows.first?.bytes("secret")
            #expect(raw.map { String(decoding: $0, as: UTF8.self).contains("whsec_") } == false)
            let other = try PostgresWebhookStore(pool: stores.pool, encryptionKey: Array(repeating: 7, count: 32), clock: clock)
            await #expect(throws: AuthError.self) { try await other.endpoints() }
        }
    }

    @Test func theHourlyActivityCountsSignInsFailuresAndSignUps() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let hour = Date(timeIntervalSince1970: 1_767_225_600)
            let kinds: [(AuditEvent.Kind, TimeInterval)] = [
                (.signInSucceeded, 60), (.signInSucceeded, 120), (.signInFailed, 3599), (.signUp, 3600), (.mfaChallenged, 10),
            ]
            for (kind, offset) in kinds {
                try await stores.auditLog.record(AuditEvent(kind: kind, client: ClientContext(), at: hour + offset))
            }
            let activity = try await stores.directory.activity(since: hour)
            #expect(activity == [
                ActivityHour(start: hour, signIns: 2, failedSignIns: 1, signUps: 0),
                ActivityHour(start: hour + 3600, signIns: 0, failedSignIns: 0, signUps: 1),
            ])
        }
    }
}
