import AuthClient
import Foundation
import Testing

/// The admin wrappers (docs/api.md, "Admin API") against FakeAuthd's canned answers.
@Suite struct AuthClientAdminTests {
    @Test func usersAreSearchedAndPaged() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let page = try await client.adminUsers(query: "ada+test@", cursor: "abc")
        #expect(page.items.map(\.email) == ["ada@example.com"])
        #expect(page.items[0].mfaEnabled && !page.items[0].banned && page.items[0].isEmailVerified)
        #expect(page.nextCursor == "61646140.\(FakeAuthd.userID)")
        _ = try await client.adminUsers()

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == ["GET /api/v1/admin/users", "GET /api/v1/admin/users"])
        #expect(calls[0].query == "query=ada%2Btest@&cursor=abc")
        #expect(calls[1].query == nil && calls[0].authorization == "Bearer a1")
    }

    @Test func aUsersDetailAndSessions() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let detail = try await client.adminUser(id: FakeAuthd.userID)
        #expect(detail.user.id == FakeAuthd.userID && !detail.isAdmin && detail.recoveryCodesLeft == 10)
        #expect(detail.factors.map(\.type) == ["passkey"] && detail.oauthAccounts.map(\.provider) == ["google"])
        let sessions = try await client.adminSessions(ofUser: FakeAuthd.userID, limit: 20)
        #expect(sessions.items.map(\.id) == [FakeAuthd.sessionID] && sessions.items[0].primary == false)
        #expect(sessions.nextCursor == nil)

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "GET /api/v1/admin/users/\(FakeAuthd.userID)", "GET /api/v1/admin/users/\(FakeAuthd.userID)/sessions",
        ])
        #expect(calls[1].query == "limit=20")
    }

    @Test func actionsSendTheirRoutes() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let id = FakeAuthd.userID
        try await client.adminSetBanned(true, user: id)
        try await client.adminSetBanned(false, user: id)
        #expect(try await client.adminRevokeSessions(ofUser: id) == 3)
        try await client.adminRevokeSession(id: FakeAuthd.sessionID)
        try await client.adminResetSecondFactors(ofUser: id)
        try await client.adminResendVerification(toUser: id)

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "POST /api/v1/admin/users/\(id)/ban", "POST /api/v1/admin/users/\(id)/unban",
            "POST /api/v1/admin/users/\(id)/sessions/revoke", "DELETE /api/v1/admin/sessions/\(FakeAuthd.sessionID)",
            "POST /api/v1/admin/users/\(id)/reset-mfa", "POST /api/v1/admin/users/\(id)/resend-verification",
        ])
        #expect(calls.allSatisfy { $0.body == nil && $0.authorization == "Bearer a1" })
    }

    @Test func theAuditLogIsFiltered() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let since = Date(timeIntervalSince1970: 1_796_600_000)
        let page = try await client.adminAuditLog(.init(user: FakeAuthd.userID, type: "user_banned", since: since), cursor: "c1")
        #expect(page.items.count == 1 && page.nextCursor == nil)
        let event = page.items[0]
        #expect(event.type == "user_banned" && event.userID == FakeAuthd.userID && event.actorID != nil && event.detail == nil)
        #expect(event.at == Date(timeIntervalSince1970: 1_796_625_900.123))

        let call = try #require(await authd.calls.first)
        #expect(call.method == "GET" && call.path == "/api/v1/admin/audit")
        #expect(call.query == "user=\(FakeAuthd.userID)&type=user_banned&since=2026-12-06T23:33:20.000Z&cursor=c1")
    }

    @Test func statsDecode() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let stats = try await client.adminStats()
        #expect(stats.users == 120 && stats.verifiedUsers == 100 && stats.liveSessions == 80)
        #expect(stats.signIns24h == 40 && stats.signInFailures24h == 5 && stats.outbox?.pending == 1)
    }

    @Test func aNonAdminGetsAnAuthAPIErrorWithItsCode() async throws {
        let authd = FakeAuthd()
        await authd.refuse("GET /api/v1/admin/users", status: 403, code: "forbidden")
        await authd.refuse("POST /api/v1/admin/users/\(FakeAuthd.userID)/ban", status: 409, code: "conflict")
        let client = try await AuthClientTests.client(authd)
        let error = await #expect(throws: AuthAPIError.self) { try await client.adminUsers() }
        #expect(error?.status == 403 && error?.error == "forbidden")
        let last = await #expect(throws: AuthAPIError.self) { try await client.adminSetBanned(true, user: FakeAuthd.userID) }
        #expect(last?.status == 409 && last?.error == "conflict")
        #expect(try await client.isSignedIn)
    }
}
