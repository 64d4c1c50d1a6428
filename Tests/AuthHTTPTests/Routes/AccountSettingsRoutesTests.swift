import AuthCore
import AuthHTTP
import AuthStorePostgres
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Account settings and sign-in by mailed code over HTTP (docs/api.md), end to end on
/// PostgreSQL where the issue asks for it.
@Suite("account settings on PostgreSQL", .serialized, .enabled(if: PostgresSchema.isEnabled, "needs AUTH_TEST_DATABASE_URL (make test)"))
struct AccountSettingsOnPostgresTests {
    static let password = "correct horse battery"

    static func signIn(_ client: any TestClientProtocol, _ email: String, _ password: String = password) async throws -> TestResponse {
        try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": password])
    }

    @Test func changingThePasswordEndsOtherSessionsAndKeepsThisOne() async throws {
        try await PostgresSchema.with { stores in
            let h = try await HTTPHarness(stores: stores)
            try await h.test { client in
                let current = try await client.registered(h)
                let other = try #require(try await Self.signIn(client, "ada@example.com").object()["token"] as? String)
                let changed = try await client.send(.patch, "/api/v1/auth/password", json: [
                    "current_password": Self.password, "new_password": "a brand new passphrase",
                ], token: current)
                #expect(changed.status == .ok)
                #expect(try await client.send(.get, "/api/v1/auth/me", token: current).status == .ok)
                #expect(try await client.send(.get, "/api/v1/auth/me", token: other).status == .unauthorized)
                #expect(try await Self.signIn(client, "ada@example.com").status == .unauthorized)
                #expect(try await Self.signIn(client, "ada@example.com", "a brand new passphrase").status == .ok)
                #expect(await h.mailbox.latest(to: try EmailAddress("ada@example.com"))?.kindName == "password_changed")
                let wrong = try await client.send(.patch, "/api/v1/auth/password", json: [
                    "current_password": "not it at all", "new_password": "another passphrase",
                ], token: current)
                #expect(wrong.status == .unauthorized)
                #expect(try wrong.object()["error"] as? String == "invalid_credentials")
            }
        }
    }

    @Test func changingTheEmailMovesSignInAndTellsTheOldAddress() async throws {
        try await PostgresSchema.with { stores in
            let h = try await HTTPHarness(stores: stores)
            try await h.test { client in
                let token = try await client.registered(h)
                let other = try #require(try await Self.signIn(client, "ada@example.com").object()["token"] as? String)
                let asked = try await client.send(.post, "/api/v1/auth/email", json: ["new_email": "Ada.Lovelace@Example.com"], token: token)
                #expect(asked.status == .ok)
                let id = try #require(try asked.object()["verification_id"] as? String)
                let confirmed = try await client.send(.post, "/api/v1/auth/email/confirm", json: [
                    "token_id": id, "code": try await h.code(for: "ada.lovelace@example.com"),
                ], token: token)
                #expect(confirmed.status == .ok)
                #expect(try confirmed.object()["email"] as? String == "ada.lovelace@example.com")
                #expect(try await Self.signIn(client, "ada.lovelace@example.com").status == .ok)
                #expect(try await Self.signIn(client, "ada@example.com").status == .unauthorized)
                #expect(try await client.send(.get, "/api/v1/auth/me", token: other).status == .unauthorized)
                let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()["user"] as? [String: Any]
                #expect(me?["email"] as? String == "ada.lovelace@example.com")
                let notice = try #require(await h.mailbox.latest(to: try EmailAddress("ada@example.com")))
                #expect(notice.kindName == "email_changed")
                #expect(notice.textBody.contains("ada.lovelace@example.com"))
            }
        }
    }

    @Test func aTakenAddressGetsADecoyAndTwoClaimsOfOneAddressHaveOneWinner() async throws {
        try await PostgresSchema.with { stores in
            let h = try await HTTPHarness(stores: stores)
            try await h.test { client in
                let a = try await client.registered(h, "a@example.com")
                let b = try await client.registered(h, "b@example.com")
                _ = try await client.registered(h, "taken@example.com")
                let mailsBefore = await h.mailbox.messages.count
                let decoy = try await client.send(.post, "/api/v1/auth/email", json: ["new_email": "taken@example.com"], token: a)
                #expect(decoy.status == .ok)
                #expect(Set(try decoy.object().keys) == ["verification_id", "expires_at"])
                #expect(await h.mailbox.messages.count == mailsBefore)

                var challenges: [(String, String, String)] = []
                for token in [a, b] {
                    let asked = try await client.send(.post, "/api/v1/auth/email", json: ["new_email": "free@example.com"], token: token)
                    let id = try #require(try asked.object()["verification_id"] as? String)
                    challenges.append((token, id, try await h.code(for: "free@example.com")))
                }
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for (token, id, code) in challenges {
                        group.addTask {
                            try await client.send(.post, "/api/v1/auth/email/confirm", json: ["token_id": id, "code": code], token: token).status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            }
        }
    }

    @Test func deletingTheAccountLeavesNoRowButAnAnonymisedRecord() async throws {
        try await PostgresSchema.with { stores in
            // Mail also goes through the PostgreSQL outbox, so queued mail is part of what must go.
            let outbox = PostgresMailOutbox(pool: stores.pool, sealer: try MailSealer(secret: Array(repeating: 3, count: 32)))
            let h = try await HTTPHarness(stores: stores, alsoMailTo: OutboxMailer(outbox: outbox))
            try await h.test { client in
                let token = try await client.registered(h, "gone@example.com")
                // An authenticator, so the export has a secret it must not show.
                let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: token, clock: { h.clock.now })
                h.clock.advance(by: .seconds(30))
                let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()
                let userID = try #require((me["user"] as? [String: Any])?["id"] as? String)
                _ = try await Self.signIn(client, "gone@example.com", "wrong password!")
                _ = try await client.send(.post, "/api/v1/auth/reset/password", json: ["email": "gone@example.com"])

                let export = try await client.send(.get, "/api/v1/auth/me/export", token: token)
                #expect(export.status == .ok)
                let text = String(buffer: export.body)
                for secret in ["$argon2id", "password_hash", "code_hash", "secret", "token", "otpauth"] {
                    #expect(!text.contains(secret), "the export must not carry \(secret)")
                }
                let body = try export.object()
                #expect(Set(body.keys) == ["profile", "sessions", "second_factors", "linked_accounts", "events"])
                #expect(((body["events"] as? [[String: Any]])?.count ?? 0) >= 2)

                let queued = try await stores.pool.query(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM mail_outbox WHERE recipient = 'gone@example.com'")).rows.first
                #expect(try (queued?.int("n") ?? 0) > 0, "the test must start with queued mail")
                // The account has an app now: deleting it needs the app's proof.
                #expect(try await client.send(.delete, "/api/v1/auth/me", token: token).status == .forbidden)
                #expect(try await client.send(.post, "/api/v1/auth/reauthenticate", json: ["method": "totp", "code": app.code(at: h.clock.now)], token: token).status == .ok)
                #expect(try await client.send(.delete, "/api/v1/auth/me", token: token).status == .ok)
                #expect(try await client.send(.get, "/api/v1/auth/me", token: token).status == .unauthorized)

                let counts = try await stores.pool.query(PostgresQuery(unsafeSQL: """
                    SELECT (SELECT count(*) FROM users WHERE id = '\(userID)' OR email = 'gone@example.com') AS users,
                           (SELECT count(*) FROM credentials WHERE user_id = '\(userID)') AS credentials,
                           (SELECT count(*) FROM sessions WHERE user_id = '\(userID)') AS sessions,
                           (SELECT count(*) FROM verification_codes WHERE user_id = '\(userID)') AS codes,
                           (SELECT count(*) FROM oauth_accounts WHERE user_id = '\(userID)') AS oauth,
                           (SELECT count(*) FROM totp_authenticators WHERE user_id = '\(userID)') AS apps,
                           (SELECT count(*) FROM recovery_codes WHERE user_id = '\(userID)') AS recovery,
                           (SELECT count(*) FROM audit_events WHERE user_id = '\(userID)' OR email = 'gone@example.com') AS events,
                           (SELECT count(*) FROM mail_outbox WHERE recipient = 'gone@example.com') AS mail,
                           (SELECT count(*) FROM audit_events WHERE kind = 'account_deleted' AND user_id IS NULL
                              AND email IS NULL AND ip = '') AS anonymised
                    """)).rows.first
                for column in ["users", "credentials", "sessions", "codes", "oauth", "apps", "recovery", "events", "mail"] {
                    #expect(try counts?.int(column) == 0, "\(column) rows of the deleted user remain")
                }
                #expect(try counts?.int("anonymised") == 1)

                let again = try await client.registered(h, "gone@example.com")
                let fresh = try await client.send(.get, "/api/v1/auth/me", token: again).object()
                #expect((fresh["user"] as? [String: Any])?["id"] as? String != userID)
            }
        }
    }
}

/// Sign-in by mailed code, and the guards of the settings routes, on the in-memory adapters.
@Suite("sign-in by mailed code and account settings over HTTP")
struct AccountSettingsRoutesTests {
    @Test func aCodeSignsInAndAnAppUserIsStillAskedForTheApp() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let asked = try await client.send(.post, "/api/v1/auth/sign-in/email-code", json: ["email": "ada@example.com"])
            #expect(asked.status == .ok)
            let id = try #require(try asked.object()["verification_id"] as? String)
            let done = try await client.send(
                .post, "/api/v1/auth/sign-in/email-code/verify", json: ["token_id": id, "code": try await h.code(for: "ada@example.com")])
            #expect(done.status == .ok)
            let codeToken = try #require(try done.object()["token"] as? String)
            let session = try await client.send(.get, "/api/v1/auth/me", token: codeToken).object()["session"] as? [String: Any]
            #expect(session?["amr"] as? [String] == ["email"])

            _ = try await TOTPRoutesTests.enrol(client, token: token, clock: { h.clock.now })
            // The mailed second factor too: it must not be asked again after a mailed-code sign-in.
            #expect(try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token).status == .ok)
            let again = try await client.send(.post, "/api/v1/auth/sign-in/email-code", json: ["email": "ada@example.com"])
            let againID = try #require(try again.object()["verification_id"] as? String)
            let gated = try await client.send(
                .post, "/api/v1/auth/sign-in/email-code/verify", json: ["token_id": againID, "code": try await h.code(for: "ada@example.com")])
            #expect(gated.status == .unauthorized)
            let body = try gated.object()
            #expect(body["error"] as? String == "mfa_required")
            #expect(body["methods"] as? [String] == ["totp", "recovery_code"])
        }
    }

    @Test func aDecoyAnswersLikeARealChallengeThroughWrongCodesAndExpiry() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            _ = try await client.registered(h)
            var trails: [[String]] = []
            for email in ["ada@example.com", "nobody@example.com"] {
                let asked = try await client.send(.post, "/api/v1/auth/sign-in/email-code", json: ["email": email])
                #expect(asked.status == .ok)
                #expect(Set(try asked.object().keys) == ["verification_id", "expires_at"])
                let id = try #require(try asked.object()["verification_id"] as? String)
                var trail: [String] = []
                for _ in 0..<6 {
                    let r = try await client.send(.post, "/api/v1/auth/sign-in/email-code/verify", json: ["token_id": id, "code": "000000"])
                    trail.append("\(r.status.code) \(try r.object()["error"] as? String ?? "")")
                }
                trails.append(trail)
                // A fresh per-network route window for the next address.
                h.clock.advance(by: .seconds(61))
            }
            #expect(trails[0] == trails[1])
            #expect(trails[0].last == "400 too_many_attempts")

            var expired: [String] = []
            for email in ["ada@example.com", "nobody@example.com"] {
                let asked = try await client.send(.post, "/api/v1/auth/sign-in/email-code", json: ["email": email])
                let id = try #require(try asked.object()["verification_id"] as? String)
                h.clock.advance(by: .seconds(11 * 60))
                let r = try await client.send(.post, "/api/v1/auth/sign-in/email-code/verify", json: ["token_id": id, "code": "000000"])
                expired.append("\(r.status.code) \(try r.object()["error"] as? String ?? "")")
            }
            #expect(expired == ["400 code_expired", "400 code_expired"])
        }
    }

    @Test func anAddressChangeCannotTellATakenAddressFromAFreeOne() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            _ = try await client.registered(h, "taken@example.com")
            var trails: [[String]] = []
            for (target, then) in [("taken@example.com", "w1@example.com"), ("free@example.com", "w2@example.com")] {
                let first = try await client.send(.post, "/api/v1/auth/email", json: ["new_email": target], token: token)
                #expect(first.status == .ok)
                let id = try #require(try first.object()["verification_id"] as? String)
                // A second request replaces the first challenge, taken address or not.
                #expect(try await client.send(.post, "/api/v1/auth/email", json: ["new_email": then], token: token).status == .ok)
                var trail: [String] = []
                for _ in 0..<6 {
                    let r = try await client.send(.post, "/api/v1/auth/email/confirm", json: ["token_id": id, "code": "000000"], token: token)
                    trail.append("\(r.status.code) \(try r.object()["error"] as? String ?? "")")
                }
                trails.append(trail)
                h.clock.advance(by: .seconds(11 * 60))  // fresh mail budgets and route windows
                let reauth = try await client.send(.post, "/api/v1/auth/reauthenticate", json: ["password": "correct horse battery"], token: token)
                #expect(reauth.status == .ok)
            }
            #expect(trails[0] == trails[1])
        }
    }

    @Test func settingsRoutesRefuseHostileInputWithFourHundreds() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let cases: [(HTTPRequest.Method, String, [String: any Sendable]?, HTTPResponse.Status, String)] = [
                (.patch, "/api/v1/auth/password", ["current_password": "correct horse battery", "new_password": "short"], .badRequest, "invalid_request"),
                (.patch, "/api/v1/auth/password", ["new_password": "long enough password"], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/email", ["new_email": "not an address"], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/email", ["new_email": "ada@example.com"], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/email/confirm", ["token_id": "nope", "code": "123456"], .badRequest, "invalid_code"),
                (.post, "/api/v1/auth/sign-in/email-code", ["email": String(repeating: "a", count: 300) + "@example.com"], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/sign-in/email-code/verify", ["token_id": UUID().uuidString], .badRequest, "invalid_request"),
            ]
            for (method, path, json, status, error) in cases {
                let r = try await client.send(method, path, json: json, token: token)
                #expect(r.status == status, "\(method) \(path)")
                #expect(try r.object()["error"] as? String == error, "\(method) \(path)")
            }
            h.clock.advance(by: .seconds(11 * 60))
            for (method, path) in [(HTTPRequest.Method.delete, "/api/v1/auth/me"), (.post, "/api/v1/auth/email")] {
                let r = try await client.send(method, path, json: method == .post ? ["new_email": "x@example.com"] : nil, token: token)
                #expect(r.status == .forbidden, "\(method) \(path)")
            }
            #expect(try await client.send(.get, "/api/v1/auth/me", token: token).status == .ok)
        }
    }
}
