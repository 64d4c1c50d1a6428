import AuthCore
@testable import AuthStorePostgres
import Foundation
import Testing

/// `/me`'s session lookup and the sessions list must use indexes, not scan every session.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresQueryPlanTests {
    static func explain(_ query: PostgresQuery, on pool: PostgresConnectionPool) async throws -> String {
        try await pool.query(PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds))
            .rows.map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
    }

    @Test func sessionQueriesUseIndexesOverOneHundredThousandSessions() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let pool = stores.pool
            try await pool.query("""
                INSERT INTO users (id, email, created_at, updated_at) \
                SELECT gen_random_uuid(), 'plan-' || g || '@example.com', now(), now() FROM generate_series(1, 2000) g
                """)
            // 50 sessions per user: a third revoked, a third expired, the rest live.
            try await pool.query("""
                INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, revoked_at) \
                SELECT gen_random_uuid(), u.id, now() - g * interval '1 hour', now() - g * interval '1 minute', \
                CASE WHEN g % 3 = 1 THEN now() - interval '1 day' ELSE now() + interval '7 days' END, \
                CASE WHEN g % 3 = 2 THEN now() END \
                FROM users u CROSS JOIN generate_series(1, 50) g
                """)
            try await pool.query("ANALYZE users")
            try await pool.query("ANALYZE sessions")
            let count = try await pool.query("SELECT count(*) AS n FROM sessions").rows[0].int("n")
            #expect(count == 100_000)
            let sample = try await pool.query("SELECT id, user_id FROM sessions LIMIT 1").rows[0]
            let sessionID = SessionID(try sample.uuid("id")), userID = UserID(try sample.uuid("user_id"))

            let lookup = try await Self.explain(PostgresSessionStore.byID(sessionID), on: pool)
            let list = try await Self.explain(PostgresSessionStore.active(of: userID, at: Date()), on: pool)
            print("EXPLAIN session by id:\n\(lookup)\nEXPLAIN active sessions of a user:\n\(list)")
            #expect(lookup.contains("sessions_pkey"))
            #expect(list.contains("sessions_user_live_idx"))
            #expect(!lookup.contains("Seq Scan") && !list.contains("Seq Scan"))
        }
    }
}
