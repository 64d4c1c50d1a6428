import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Authenticator apps, recovery codes and `amr`/`aal` over HTTP (docs/api.md, "Second factors").
@Suite("authenticator apps and recovery codes over HTTP")
struct TOTPRoutesTests {
    static let email = "ada@example.com"
    static let password = "correct horse battery"

    /// Enrols an app for the user of `token`; returns the app, its id and the recovery codes.
    static func enrol(
        _ client: any TestClientProtocol, token: String, clock: @Sendable () -> Date
    ) async throws -> (app: TOTP, id: String, recoveryCodes: [String]) {
        let started = try await client.send(.post, "/api/v1/auth/mfa/totp", json: ["name": "Phone"], token: token)
        #expect(started.status == .ok)
        let body = try started.object()
        #expect(Set(body.keys) == ["id", "secret", "otpauth_uri", "qr_svg", "expires_at"])
        let secret = try #require(body["secret"] as? String)
        #expect((body["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/") == true)
        #expect((body["otpauth_uri"] as? String)?.contains("secret=\(secret)") == true)
        #expect((body["qr_svg"] as? String)?.hasPrefix("<svg") == true)
        let app = try #require(TOTP(base32Secret: secret))
        let id = try #require(body["id"] as? String)
        let confirmed = try await client.send(
            .post, "/api/v1/auth/mfa/totp/confirm", json: ["id": id, "code": app.code(at: clock())], token: token)
        #expect(confirmed.status == .ok)
        let codes = try #require(try confirmed.object()["recovery_codes"] as? [String])
        // The enrolling session's cached entry was dropped: /me shows the factor at once.
        let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()["user"] as? [String: Any]
        #expect(me?["mfa_enabled"] as? Bool == true)
        return (app, id, codes)
    }

    /// The claims of a JWT, decoded without verification (the server verified it).
    static func claims(_ token: String) throws -> [String: Any] {
        var payload = String(try #require(token.split(separator: ".").dropFirst().first))
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let data = try #require(Data(base64Encoded: payload))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A password sign-in that stops at `mfa_required`; returns its body.
    static func gatedSignIn(_ client: any TestClientProtocol, email: String = email) async throws -> [String: Any] {
        let gated = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": email, "password": password])
        #expect(gated.status == .unauthorized)
        return try gated.object()
    }

    @Test func enrolSignOutSignInWithTheAppAndTheSessionIsAAL2() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let (app, id, codes) = try await Self.enrol(client, token: token, clock: { h.clock.now })
            #expect(codes.count == 10)
            let status = try await client.send(.get, "/api/v1/auth/mfa", token: token).object()
            #expect(status["mfa_enabled"] as? Bool == true)
            #expect(status["recovery_codes_left"] as? Int == 10)
            let methods = try #require(status["methods"] as? [[String: Any]])
            #expect(methods.count == 1)
            #expect(methods.first?["type"] as? String == "totp")
            #expect(methods.first?["id"] as? String == id)
            #expect(methods.first?["name"] as? String == "Phone")
            #expect(try await client.send(.delete, "/api/v1/auth/logout", token: token).status == .ok)

            h.clock.advance(by: .seconds(30))
            let gated = try await Self.gatedSignIn(client)
            #expect(gated["methods"] as? [String] == ["totp", "recovery_code"])
            let done = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: [
                "token_id": try #require(gated["verification_id"] as? String), "code": app.code(at: h.clock.now), "method": "totp",
            ])
            #expect(done.status == .ok)
            let me = try await client.send(.get, "/api/v1/auth/me", token: try #require(try done.object()["token"] as? String))
            let session = try #require(try me.object()["session"] as? [String: Any])
            #expect(session["aal"] as? Int == 2)
            #expect(session["amr"] as? [String] == ["pwd", "otp", "mfa"])
        }
    }

    @Test func aReplayedCodeAndAUsedRecoveryCodeAreRefused() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let (app, _, codes) = try await Self.enrol(client, token: token, clock: { h.clock.now })
            h.clock.advance(by: .seconds(30))
            let code = app.code(at: h.clock.now)
            for expected in [HTTPResponse.Status.ok, .badRequest] {
                let gated = try await Self.gatedSignIn(client)
                let r = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: [
                    "token_id": gated["verification_id"] as? String ?? "", "code": code, "method": "totp",
                ])
                #expect(r.status == expected)
                if expected == .badRequest { #expect(try r.object()["error"] as? String == "invalid_code") }
            }
            for expected in [HTTPResponse.Status.ok, .badRequest] {
                let gated = try await Self.gatedSignIn(client)
                let r = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: [
                    "token_id": gated["verification_id"] as? String ?? "", "code": codes[0], "method": "recovery_code",
                ])
                #expect(r.status == expected)
            }
            let left = try await client.send(.get, "/api/v1/auth/mfa", token: token).object()["recovery_codes_left"] as? Int
            #expect(left == 9)
        }
    }

    @Test func removingTheAppOrReplacingCodesNeedsARecentAuthenticationAndMailsANotice() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let (app, id, _) = try await Self.enrol(client, token: token, clock: { h.clock.now })
            h.clock.advance(by: .seconds(11 * 60))
            for (method, path) in [(HTTPRequest.Method.delete, "/api/v1/auth/mfa/totp/\(id)"), (.post, "/api/v1/auth/mfa/recovery-codes")] {
                let refused = try await client.send(method, path, token: token)
                #expect(refused.status == .forbidden)
                #expect(try refused.object()["error"] as? String == "reauthentication_required")
            }
            let reauth = try await client.send(
                .post, "/api/v1/auth/reauthenticate", json: ["method": "totp", "code": app.code(at: h.clock.now)], token: token)
            #expect(reauth.status == .ok)

            let replaced = try await client.send(.post, "/api/v1/auth/mfa/recovery-codes", token: token)
            #expect(replaced.status == .ok)
            #expect((try replaced.object()["recovery_codes"] as? [String])?.count == 10)
            #expect(await h.mailbox.latest(to: try EmailAddress(Self.email))?.kindName == "recovery_codes_replaced")

            #expect(try await client.send(.delete, "/api/v1/auth/mfa/totp/\(id)", token: token).status == .ok)
            #expect(await h.mailbox.latest(to: try EmailAddress(Self.email))?.kind
                == .secondFactorRemoved(method: "totp", at: h.clock.now))
            #expect(try await client.send(.delete, "/api/v1/auth/mfa/totp/\(id)", token: token).status == .notFound)
            let status = try await client.send(.get, "/api/v1/auth/mfa", token: token).object()
            #expect(status["mfa_enabled"] as? Bool == false)
        }
    }

    @Test func hostileInputGetsClearFourHundreds() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let cases: [(HTTPRequest.Method, String, [String: any Sendable]?, HTTPResponse.Status, String)] = [
                (.post, "/api/v1/auth/mfa/totp/confirm", ["id": "not-a-uuid", "code": "123456"], .badRequest, "invalid_code"),
                (.post, "/api/v1/auth/mfa/totp/confirm", ["id": UUID().uuidString, "code": "123456"], .badRequest, "invalid_code"),
                (.post, "/api/v1/auth/mfa/totp/confirm", ["id": 7], .badRequest, "invalid_request"),
                (.delete, "/api/v1/auth/mfa/totp/../../me", nil, .notFound, "not_found"),
                (.delete, "/api/v1/auth/mfa/totp/\(UUID().uuidString)", nil, .notFound, "not_found"),
                (.post, "/api/v1/auth/mfa/totp", ["name": String(repeating: "x", count: 65)], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/mfa/totp", ["name": "bad\u{7}name"], .badRequest, "invalid_request"),
                (.post, "/api/v1/auth/reauthenticate", ["password": "x", "method": "totp", "code": "1"], .badRequest, "invalid_request"),
                // Well formed, but the account has no authenticator app: its state refuses it.
                (.post, "/api/v1/auth/reauthenticate", ["method": "totp", "code": "123456"], .conflict, "method_unavailable"),
                (.post, "/api/v1/auth/reauthenticate", ["method": "Bad Method!", "code": "1"], .badRequest, "invalid_request"),
            ]
            for (method, path, json, status, error) in cases {
                let r = try await client.send(method, path, json: json, token: token)
                #expect(r.status == status, "\(method) \(path)")
                #expect(r.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(method) \(path)")
                #expect(try r.object()["error"] as? String == error, "\(method) \(path)")
            }
            // Every route needs a session.
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/auth/mfa"), (.post, "/api/v1/auth/mfa/totp"), (.post, "/api/v1/auth/mfa/recovery-codes")] {
                #expect(try await client.send(method, path).status == .unauthorized)
            }
        }
    }
}

/// The same, end to end on PostgreSQL, after a password and after a Google sign-in.
@Suite("authenticator apps on PostgreSQL", .serialized, .enabled(if: PostgresSchema.isEnabled, "needs AUTH_TEST_DATABASE_URL (make test)"))
struct TOTPOnPostgresTests {
    @Test func passwordThenAppGivesAnAAL2TokenOnPostgreSQL() async throws {
        try await PostgresSchema.with { stores in
            let h = try await HTTPHarness(stores: stores)
            try await h.test { client in
                let token = try await client.registered(h)
                let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: token, clock: { h.clock.now })
                #expect(try await client.send(.delete, "/api/v1/auth/logout", token: token).status == .ok)
                h.clock.advance(by: .seconds(30))
                let gated = try await TOTPRoutesTests.gatedSignIn(client)
                #expect(gated["methods"] as? [String] == ["totp", "recovery_code"])
                let done = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: [
                    "token_id": gated["verification_id"] as? String ?? "", "code": app.code(at: h.clock.now), "method": "totp",
                ])
                #expect(done.status == .ok)
                let fresh = try #require(try done.object()["token"] as? String)
                let session = try await client.send(.get, "/api/v1/auth/me", token: fresh).object()["session"] as? [String: Any]
                #expect(session?["aal"] as? Int == 2)
                #expect(session?["amr"] as? [String] == ["pwd", "otp", "mfa"])
                let claims = try TOTPRoutesTests.claims(fresh)
                #expect(claims["aal"] as? Int == 2)
                #expect(claims["amr"] as? [String] == ["pwd", "otp", "mfa"])
            }
        }
    }

    @Test(.enabled(if: OIDCTestServer.isEnabled, "needs AUTH_TEST_OIDC_ISSUER (make test)"))
    func googleSignInThenAppGivesAnAAL2TokenOnPostgreSQL() async throws {
        try await PostgresSchema.with { stores in
            try await OAuthHTTPHarness.with(stores: stores) { h in
                let (sub, _) = try await h.newUser()
                try await h.test { client in
                    let first = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                    let token = try #require(try first.object()["token"] as? String)
                    let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: token, clock: { h.clock.now })
                    h.clock.advance(by: .seconds(30))

                    let gated = try await client.send(.post, "/api/v1/auth/sign-in/google/web/callback", json: try await h.consented(client, sub: sub))
                    #expect(gated.status == .unauthorized)
                    let body = try gated.object()
                    #expect(body["methods"] as? [String] == ["totp", "recovery_code"])
                    let done = try await client.send(.post, "/api/v1/auth/sign-in/mfa", json: [
                        "token_id": body["verification_id"] as? String ?? "", "code": app.code(at: h.clock.now), "method": "totp",
                    ])
                    #expect(done.status == .ok)
                    let fresh = try #require(try done.object()["token"] as? String)
                    let session = try await client.send(.get, "/api/v1/auth/me", token: fresh).object()["session"] as? [String: Any]
                    #expect(session?["aal"] as? Int == 2)
                    #expect(session?["amr"] as? [String] == ["fed", "otp", "mfa"])
                    let claims = try TOTPRoutesTests.claims(fresh)
                    #expect(claims["aal"] as? Int == 2)
                    #expect(claims["amr"] as? [String] == ["fed", "otp", "mfa"])
                }
            }
        }
    }
}
