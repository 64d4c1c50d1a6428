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

    @Test func purgeWorksOffABacklogThatOneStatementCannotDeleteWithinTheRequestTimeout() async throws {
        try await TestDatabase.withSchema { stores, schema in
            let user = Sample.user(at: Date())
            try await stores.users.insert(user)
            // 100,000 sessions that ended days ago: half expired, half revoked.
            try await stores.pool.query("""
                INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at) \
                SELECT gen_random_uuid(), \(.uuid(user.id.rawValue)), now() - interval '9 days', \
                now() - interval '9 days', CASE WHEN g % 2 = 0 THEN now() - interval '2 days' ELSE now() + interval '1 day' END, \
                CASE WHEN g % 2 = 1 THEN now() - interval '3 days' END FROM generate_series(1, 100000) g
                """)
            let live = Sample.session(of: user.id, at: Date())
            try await stores.sessions.insert(live)
            // The same schema through a pool whose requests are held to 1 ms a statement (a batch of 5,000 could fit in more).
            var configuration = PostgresConnectionPool.Configuration(
                url: TestDatabase.url(try TestDatabase.requireURL(), adding: "options=-csearch_path%3D\(schema)"),
                maxConnections: 2)
            configuration.statementTimeout = .milliseconds(1)
            let strict = PostgresStores(pool: PostgresConnectionPool(configuration: configuration))
            defer { strict.shutdown() }
            // One unbounded DELETE cannot work the backlog off within that timeout…
            let timedOut = await #expect(throws: AuthError.self) {
                try await strict.pool.query("DELETE FROM sessions WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'")
            }
            #expect(timedOut?.code == .unavailable)
            // …the purge does, in batches outside it, and leaves the live session.
            let purged = try await strict.purgeJob(.init(retention: .seconds(86_400))).purgeOnce()
            #expect(purged.sessions == 100_000)
            let left = try await stores.pool.query("SELECT count(*) AS n FROM sessions").rows[0].int("n")
            #expect(left == 1)
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
