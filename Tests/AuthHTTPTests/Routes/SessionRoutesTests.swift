import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("me, sessions, logout, MFA settings")
struct SessionRoutesTests {
    static let chromeOnMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

    @Test func meHasTheSeedShape() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h, headers: [.userAgent: Self.chromeOnMac])
            let r = try await client.send(.get, "/api/v1/auth/me", token: token)
            #expect(r.status == .ok)
            let body = try r.object()
            #expect(Set(body.keys) == ["session", "user"])
            let session = try #require(body["session"] as? [String: Any])
            // The seed's fields, plus how the session signed in.
            #expect(Set(session.keys) == ["id", "expires_at", "client", "ip", "parsed_location", "created_at", "last_used_at", "amr", "aal"])
            #expect(session["amr"] as? [String] == ["pwd", "email"])
            #expect(session["aal"] as? Int == 1)
            #expect(session["client"] as? String == "Chrome 131 on macOS")
            #expect(session["created_at"] as? String == "2026-01-01T00:00:00.000Z")
            #expect(session["expires_at"] as? String == "2026-01-08T00:00:00.000Z")
            #expect(session["parsed_location"] as? String == "")
            let user = try #require(body["user"] as? [String: Any])
            #expect(Set(user.keys) == ["id", "email", "is_email_verified", "image_url", "mfa_enabled"])
            #expect(user["email"] as? String == "ada@example.com")
            #expect(user["is_email_verified"] as? Bool == true)
            #expect(user["image_url"] is NSNull)
            #expect(user["mfa_enabled"] as? Bool == false)
        }
    }

    @Test func xClientNamesTheSession() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h, headers: [HTTPField.Name("X-Client")!: "ios", .userAgent: Self.chromeOnMac])
            let session = try await client.send(.get, "/api/v1/auth/me", token: token).object()["session"] as? [String: Any]
            #expect(session?["client"] as? String == "ios")
        }
    }

    @Test func meAllListsLiveSessionsNewestUseFirstWithPrimary() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let first = try await client.registered(h)
            h.clock.advance(by: .seconds(120))
            let second = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
            let secondToken = try second.object()["token"] as? String ?? ""
            h.clock.advance(by: .seconds(120))
            let rows = try await client.send(.get, "/api/v1/auth/me/all", token: first).array()
            #expect(rows.count == 2)
            for row in rows {
                #expect(Set(row.keys) == ["primary", "id", "client", "ip", "parsed_location", "created_at", "last_used_at", "expires_at", "amr", "aal"])
            }
            // The first session was just used (touched at +240 s), so it is the newest use.
            #expect(rows.map { $0["primary"] as? Bool } == [true, false])
            let fromSecond = try await client.send(.get, "/api/v1/auth/me/all", token: secondToken).array()
            #expect(fromSecond.filter { $0["primary"] as? Bool == true }.count == 1)
        }
    }

    @Test func meAllIsPagedAndASeedClientGetsTheFirstPageAsABareArray() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()
            let idText = try #require((me["user"] as? [String: Any])?["id"] as? String)
            let userID = try #require(UserID(uuidString: idText))
            for n in 0..<249 {
                let older = h.clock.now.addingTimeInterval(-Double(n) - 10)
                try await h.dependencies.sessions.insert(Session(
                    userID: userID, client: ClientContext(ip: IPAddress("203.0.113.9"), clientName: "web"), createdAt: older,
                    lastUsedAt: older, expiresAt: h.clock.now.addingTimeInterval(86_400)))
            }
            let link = HTTPField.Name("Link")!
            // No parameter: the seed's bare array, cut to the first 100, and where the rest is.
            let first = try await client.send(.get, "/api/v1/auth/me/all", token: token)
            #expect(try first.array().count == 100)
            #expect(try first.array().first?["primary"] as? Bool == true)
            var next = first.headers[link]
            var seen = try first.array().compactMap { $0["id"] as? String }
            var pages = 1
            while let header = next {
                let target = try #require(header.split(separator: ">").first.map { String($0.dropFirst()) })
                #expect(target.hasPrefix("/api/v1/auth/me/all?cursor="))
                let page = try await client.send(.get, target, token: token)
                seen += try page.array().compactMap { $0["id"] as? String }
                next = page.headers[link]
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen.count == 250 && Set(seen).count == 250)
            let small = try await client.send(.get, "/api/v1/auth/me/all?limit=7", token: token)
            #expect(try small.array().count == 7)
            #expect(small.headers[link]?.hasSuffix("&limit=7>; rel=\"next\"") == true)
            for bad in ["limit=0", "limit=501", "limit=ten", "limit=", "cursor=not-a-cursor", "cursor=7ff8000000000000.0.\(UUID())"] {
                try await client.send(.get, "/api/v1/auth/me/all?\(bad)", token: token).expectProblem(.badRequest, "invalid_request")
            }
        }
    }

    @Test func logoutEndsOnlyThisSession() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let first = try await client.registered(h)
            let second = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .object()["token"] as? String ?? ""
            let r = try await client.send(.delete, "/api/v1/auth/logout", token: first)
            #expect(r.status == .ok)
            #expect(try r.object()["success"] as? Bool == true)
            try await client.send(.get, "/api/v1/auth/me", token: first).expectProblem(.unauthorized, "unauthorized")
            #expect(try await client.send(.get, "/api/v1/auth/me", token: second).status == .ok)
        }
    }

    @Test func logoutAllEndsEveryOtherSession() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let first = try await client.registered(h)
            let second = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "correct horse battery"])
                .object()["token"] as? String ?? ""
            let r = try await client.send(.delete, "/api/v1/auth/logout/all", token: first)
            #expect(try r.object()["success"] as? Bool == true)
            #expect(try await client.send(.get, "/api/v1/auth/me", token: first).status == .ok)
            try await client.send(.get, "/api/v1/auth/me", token: second).expectProblem(.unauthorized, "unauthorized")
            #expect(try await client.send(.get, "/api/v1/auth/me/all", token: first).array().count == 1)
        }
    }

    @Test func mfaCanBeTurnedOnAndOff() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let token = try await client.registered(h)
            let on = try await client.send(.patch, "/api/v1/auth/enable/mfa", token: token)
            #expect(try on.keys() == ["mfa_enabled"])
            #expect(try on.object()["mfa_enabled"] as? Bool == true)
            let me = try await client.send(.get, "/api/v1/auth/me", token: token).object()["user"] as? [String: Any]
            #expect(me?["mfa_enabled"] as? Bool == true)
            let off = try await client.send(.patch, "/api/v1/auth/disable/mfa", token: token)
            #expect(try off.object()["mfa_enabled"] as? Bool == false)
        }
    }
}
