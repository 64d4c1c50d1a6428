import AuthCore
import AuthTesting
import Foundation
import Testing

/// The embedded default drops what has ended too, not only PostgreSQL.
@Suite struct PurgeJobTests {
    @Test func theInMemoryStoresDropEndedSessionsAndExpiredCodesAfterTheRetention() async throws {
        let clock = ManualClock()
        let now = clock.now
        let sessions = InMemorySessionStore()
        let codes = InMemoryVerificationStore()
        let user = UserID()
        let old = Session(userID: user, client: ClientContext(), createdAt: now - 10 * 86_400, expiresAt: now - 2 * 86_400)
        let recent = Session(userID: user, client: ClientContext(), createdAt: now - 8 * 86_400, expiresAt: now - 3600)
        let live = Session(userID: user, client: ClientContext(), createdAt: now, expiresAt: now + 3600)
        for session in [old, recent, live] { try await sessions.insert(session) }
        let stale = VerificationCode(userID: user, purpose: .mfa, codeHash: [1], createdAt: now - 3 * 86_400, expiresAt: now - 2 * 86_400)
        try await codes.replace(with: stale)

        let job = PurgeJob(sessions: sessions, codes: codes, configuration: .init(retention: .seconds(86_400)), clock: clock)
        let purged = try await job.purgeOnce()

        #expect(purged.sessions == 1)
        #expect(purged.codes == 1)
        #expect(try await sessions.session(id: old.id) == nil)
        #expect(try await sessions.session(id: recent.id) != nil)  // kept for the retention
        #expect(try await sessions.session(id: live.id) != nil)
        #expect(try await codes.code(id: stale.id) == nil)
    }
}
