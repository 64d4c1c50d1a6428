import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The admin API (docs/admin.md): who may call it, and what each action does at once.
@Suite("admin API")
struct AdminRoutesTests {
    /// Every admin route, with a well-formed id where it takes one.
    static func routes(user: String, session: String) -> [(HTTPRequest.Method, String)] {
        [
            (.get, "/api/v1/admin/users?query=a"), (.get, "/api/v1/admin/users/\(user)"),
            (.get, "/api/v1/admin/users/\(user)/sessions"), (.delete, "/api/v1/admin/sessions/\(session)"),
            (.post, "/api/v1/admin/users/\(user)/sessions/revoke"), (.post, "/api/v1/admin/users/\(user)/ban"),
            (.post, "/api/v1/admin/users/\(user)/unban"), (.post, "/api/v1/admin/users/\(user)/reset-mfa"),
            (.post, "/api/v1/admin/users/\(user)/resend-verification"), (.get, "/api/v1/admin/audit"),
            (.get, "/api/v1/admin/stats"),
        ]
    }

    @Test func aUserWithoutTheRoleGets403OnEveryAdminRouteAndNothingHappens() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let victim = try await client.registered(h, "bob@example.com")
            let bobID = try await AdminTestSupport.userID(client, token: victim)
            let me = try await client.send(.get, "/api/v1/auth/me", token: victim).object()
            let session = try #require((me["session"] as? [String: Any])?["id"] as? String)
            let mallory = try await client.registered(h, "mallory@example.com")
            for (method, path) in Self.routes(user: bobID, session: session) {
                let r = try await client.send(method, path, token: mallory)
                try r.expectProblem(.forbidden, "forbidden")
                // Malformed ids are refused the same way: the role is checked before anything is read.
                let garbled = path.replacingOccurrences(of: bobID, with: "not-a-uuid")
                try await client.send(method, garbled, token: mallory).expectProblem(.forbidden, "forbidden")
            }
            // Bob is untouched: his session lives and he is not banned.
            #expect(try await client.send(.get, "/api/v1/auth/me", token: victim).status == .ok)
            for (method, path) in Self.routes(user: bobID, session: session) {
                try await client.send(method, path).expectProblem(.unauthorized, "unauthorized")
            }
        }
    }

    @Test func anAdminWithoutASecondFactorSessionIsRefused() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            // In ADMIN_EMAILS and verified, but no second factor at all.
            let bare = try await client.registered(h, AdminTestSupport.adminEmail, password: AdminTestSupport.password)
            try await client.send(.get, "/api/v1/admin/stats", token: bare).expectProblem(.forbidden, "second_factor_required")
            // With an app, the aal 1 session from before it was added is still refused.
            let (_, _, _) = try await TOTPRoutesTests.enrol(client, token: bare, clock: { h.clock.now })
            try await client.send(.get, "/api/v1/admin/stats", token: bare).expectProblem(.forbidden, "second_factor_required")
        }
    }

    /// docs/security.md, "Admins": `ADMIN_EMAILS` names addresses, and only an account that proved
    /// it owns its address gets the role from it. Two accounts in the list, alike but for that
    /// proof, each with a session that proved a second factor: the verified one is an admin (it
    /// is only refused for having no factor enrolled), the unverified one is not.
    @Test func anUnverifiedAccountWhoseAddressIsInAdminEmailsIsNoAdmin() async throws {
        var configuration = AdminTestSupport.configuration
        configuration.adminEmails.insert(EmailAddress(normalized: "squatter@example.com"))
        let h = try await HTTPHarness(configuration: configuration)
        try await h.test { client in
            var tokens: [Bool: String] = [:]
            for (email, verified) in [(AdminTestSupport.adminEmail, true), ("squatter@example.com", false)] {
                let user = User(email: EmailAddress(normalized: email), isEmailVerified: verified, createdAt: h.clock.now)
                try await h.dependencies.users.insert(user)
                let session = Session(
                    userID: user.id, client: ClientContext(), createdAt: h.clock.now, expiresAt: h.clock.now + 3600,
                    secondFactorAt: h.clock.now, amr: ["pwd", "otp"], aal: 2)
                try await h.dependencies.sessions.insert(session)
                tokens[verified] = try await h.auth.tokens.sign(session)
            }
            let verified = try #require(tokens[true]), unverified = try #require(tokens[false])
            try await client.send(.get, "/api/v1/admin/stats", token: verified).expectProblem(.forbidden, "second_factor_required")
            for (method, path) in Self.routes(user: UUID().uuidString, session: UUID().uuidString) {
                try await client.send(method, path, token: unverified).expectProblem(.forbidden, "forbidden")
            }
        }
    }

    @Test func anAdminFindsAUserRevokesASessionAndTheTokenDiesOnTheNextRequest() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let adminID = try await AdminTestSupport.userID(client, token: admin)
            _ = try await client.registered(h, "bob@example.com")
            let phone = try await AdminTestSupport.signIn(client, "bob@example.com", headers: ["X-Client": "ios"])
            let laptop = try await AdminTestSupport.signIn(client, "bob@example.com", headers: ["X-Client": "web"])

            let found = try await client.send(.get, "/api/v1/admin/users?query=BOB", token: admin)
            #expect(found.status == .ok)
            #expect(found.headers[.cacheControl] == "no-store")
            let users = try #require(try found.object()["users"] as? [[String: Any]])
            #expect(users.map { $0["email"] as? String } == ["bob@example.com"])
            #expect(Set(users[0].keys) == ["id", "email", "is_email_verified", "banned", "mfa_enabled", "created_at"])
            let bobID = try #require(users[0]["id"] as? String)

            let listed = try await client.send(.get, "/api/v1/admin/users/\(bobID)/sessions", token: admin).object()
            let sessions = try #require(listed["sessions"] as? [[String: Any]])
            #expect(sessions.count == 3)  // the verification's session, the phone, the laptop
            #expect(listed["next_cursor"] is NSNull)  // one page holds them all
            #expect(Set(sessions.compactMap { $0["client"] as? String }).isSuperset(of: ["ios", "web"]))
            let phoneSession = try #require(sessions.first { $0["client"] as? String == "ios" }?["id"] as? String)

            let revoked = try await client.send(.delete, "/api/v1/admin/sessions/\(phoneSession)", token: admin)
            #expect(revoked.status == .ok)
            try await client.send(.get, "/api/v1/auth/me", token: phone).expectProblem(.unauthorized, "unauthorized")
            #expect(try await client.send(.get, "/api/v1/auth/me", token: laptop).status == .ok)
            try await client.send(.delete, "/api/v1/admin/sessions/\(phoneSession)", token: admin).expectProblem(.notFound, "not_found")

            let audit = try await client.send(.get, "/api/v1/admin/audit?user=\(bobID)&type=session_revoked", token: admin).object()
            let events = try #require(audit["events"] as? [[String: Any]])
            #expect(events.count == 1)
            #expect(events.first?["actor_id"] as? String == adminID)
            #expect(events.first?["user_id"] as? String == bobID)
        }
    }

    @Test func aBanEndsEverySessionRefusesSignInAndIsAuditedWithItsActor() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let adminID = try await AdminTestSupport.userID(client, token: admin)
            let bob = try await client.registered(h, "bob@example.com")
            let bobID = try await AdminTestSupport.userID(client, token: bob)

            #expect(try await client.send(.post, "/api/v1/admin/users/\(bobID)/ban", token: admin).status == .ok)
            try await client.send(.get, "/api/v1/auth/me", token: bob).expectProblem(.unauthorized, "unauthorized")
            let refused = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "bob@example.com", "password": AdminTestSupport.password])
            #expect(refused.status == .unauthorized)
            let detail = try await client.send(.get, "/api/v1/admin/users/\(bobID)", token: admin).object()
            #expect((detail["user"] as? [String: Any])?["banned"] as? Bool == true)

            let bans = try await client.send(.get, "/api/v1/admin/audit?type=user_banned", token: admin).object()
            let events = try #require(bans["events"] as? [[String: Any]])
            #expect(events.map { $0["actor_id"] as? String } == [adminID])

            #expect(try await client.send(.post, "/api/v1/admin/users/\(bobID)/unban", token: admin).status == .ok)
            _ = try await AdminTestSupport.signIn(client, "bob@example.com")
        }
    }

    @Test func anAdminCannotLockThemselvesOut() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let adminID = try await AdminTestSupport.userID(client, token: admin)
            try await client.send(.post, "/api/v1/admin/users/\(adminID)/ban", token: admin).expectProblem(.conflict, "conflict")
            try await client.send(.post, "/api/v1/admin/users/\(adminID)/reset-mfa", token: admin).expectProblem(.conflict, "conflict")
            // "Sign out everywhere" on oneself keeps the session doing it.
            #expect(try await client.send(.post, "/api/v1/admin/users/\(adminID)/sessions/revoke", token: admin).status == .ok)
            #expect(try await client.send(.get, "/api/v1/admin/stats", token: admin).status == .ok)
        }
    }

    @Test func resetMFARemovesEveryFactorAndPasskeyAndStatsCount() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            let bob = try await client.registered(h, "bob@example.com")
            var phone = TestAuthenticator()  // the passkey on the phone Bob lost
            #expect(try await PasskeyRoutesTests.register(client, token: bob, &phone).status == .ok)
            let bobID = try await AdminTestSupport.userID(client, token: bob)
            #expect(try await client.send(.post, "/api/v1/admin/users/\(bobID)/reset-mfa", token: admin).status == .ok)
            // Whoever holds the lost phone cannot sign in with its passkey any more.
            #expect(try await PasskeyRoutesTests.signIn(client, &phone).status != .ok)
            let passkeys = try await client.send(.get, "/api/v1/auth/passkeys", token: bob).object()
            #expect((passkeys["passkeys"] as? [Any])?.isEmpty == true)
            let detail = try await client.send(.get, "/api/v1/admin/users/\(bobID)", token: admin).object()
            #expect((detail["factors"] as? [Any])?.isEmpty == true)
            #expect((detail["user"] as? [String: Any])?["mfa_enabled"] as? Bool == false)
            _ = try await AdminTestSupport.signIn(client, "bob@example.com")  // no second step any more

            let stats = try await client.send(.get, "/api/v1/admin/stats", token: admin).object()
            #expect(stats["users"] as? Int == 2)
            #expect(stats["verified_users"] as? Int == 2)
            #expect((stats["live_sessions"] as? Int ?? 0) >= 3)
            #expect((stats["sign_ins_24h"] as? Int ?? 0) >= 1)
            #expect(stats.keys.contains("outbox"))
        }
    }

    @Test func malformedQueriesAre400NotFailures() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            for query in ["type=nonsense", "user=abc", "since=yesterday", "cursor=%00%ff", "cursor=s-5"] {
                try await client.send(.get, "/api/v1/admin/audit?\(query)", token: admin).expectProblem(.badRequest, "invalid_request")
            }
            try await client.send(.get, "/api/v1/admin/users?cursor=garbage", token: admin).expectProblem(.badRequest, "invalid_request")
            try await client.send(.get, "/api/v1/admin/users/\(UUID())", token: admin).expectProblem(.notFound, "not_found")
            let long = String(repeating: "a", count: 400)
            try await client.send(.get, "/api/v1/admin/users?query=\(long)", token: admin).expectProblem(.badRequest, "invalid_request")
        }
    }
}
