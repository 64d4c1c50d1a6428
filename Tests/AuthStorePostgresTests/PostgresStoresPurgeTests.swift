import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresStoresPurgeTests {
    @Test func purgeKeepsRecentlyEndedRowsForTheRetention() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let now = clock.now
            let user = Sample.user(at: now)
            try await stores.users.insert(user)
            var old = Sample.session(of: user.id, at: now - 10 * 86_400)
            old.expiresAt = now - 2 * 86_400
            var recent = Sample.session(of: user.id, at: now - 8 * 86_400)
            recent.expiresAt = now - 3600
            let live = Sample.session(of: user.id, at: now)
            for s in [old, recent, live] { try await stores.sessions.insert(s) }
            let staleCode = VerificationCode(userID: user.id, purpose: .mfa, codeHash: [1], createdAt: now - 3 * 86_400, expiresAt: now - 2 * 86_400)
            try await stores.verifications.replace(with: staleCode)

            let job = stores.purgeJob(.init(interval: .seconds(3600), retention: .seconds(86_400)), clock: clock)
            let purged = try await job.purgeOnce()
            #expect(purged.sessions == 1)
            #expect(purged.codes == 1)
            #expect(try await stores.sessions.session(id: recent.id) != nil)
            #expect(try await stores.sessions.session(id: live.id) != nil)
        }
    }

    @Test func runStopsWhenCancelled() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let task = Task { await stores.purgeJob(.init(interval: .seconds(3600))).run() }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            await task.value  // returns instead of sleeping out the hour
        }
    }
}
