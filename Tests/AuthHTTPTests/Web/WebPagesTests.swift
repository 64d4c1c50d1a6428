import AuthCore
import AuthHTTP
import AuthWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The pages over HTTP: headers, the cookie, CSRF and Origin checks, and who may see `/admin/`.
/// (The browser suite in Tests/browser drives the same pages in Chromium.)
@Suite("web pages")
struct WebPagesTests {
    static let origin = "https://auth.example.com"
    static let web = WebSettings(origins: [origin], csrfKey: Array(repeating: 3, count: 32))

    /// A browser in miniature: keeps cookies, sends the Origin of the pages on posts.
    /// Lives inside one test's closure, never shared between tasks (so it needs no `Sendable`).
    final class Browser {
        var cookies: [String: String] = [:]
        let client: any TestClientProtocol
        init(_ client: any TestClientProtocol) { self.client = client }

        var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

        func keep(_ response: TestResponse) {
            for line in response.headers[values: .setCookie] {
                let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                if pair[1].isEmpty || line.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
            }
        }

        func get(_ path: String) async throws -> TestResponse {
            var headers = HTTPFields()
            if !cookies.isEmpty { headers[.cookie] = cookieHeader }
            let r = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
            keep(r)
            return r
        }

        func post(_ path: String, _ fields: [String: String], origin: String? = WebPagesTests.origin) async throws -> TestResponse {
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            if let origin { headers[.origin] = origin }
            if !cookies.isEmpty { headers[.cookie] = cookieHeader }
            let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
            let r = try await client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            keep(r)
            return r
        }

        /// The CSRF token of the forms on `page`.
        static func csrf(_ page: TestResponse) throws -> String {
            let html = String(buffer: page.body)
            let match = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/))
            return String(match.1)
        }

        /// Signs in through the form; returns the response of the post.
        func signIn(_ email: String, _ password: String = AdminTestSupport.password) async throws -> TestResponse {
            let page = try await get("/ui/sign-in")
            return try await post("/ui/sign-in", ["email": email, "password": password, "csrf": try Self.csrf(page), "next": "/ui/account"])
        }
    }

    @Test func everyPageSendsTheStrictPolicyAndRefusesFraming() async throws {
        let h = try await HTTPHarness(web: Self.web)
        try await h.test { client in
            for path in ["/ui/sign-in", "/ui/sign-up", "/ui/reset", "/ui/assets/style.css", "/ui/assets/passkeys.js", "/admin/"] {
                let r = try await client.send(.get, path)
                let csp = try #require(r.headers[.contentSecurityPolicy], "\(path) has no CSP")
                #expect(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && csp.contains("style-src 'self'"))
                #expect(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'") && csp.contains("base-uri 'none'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(r.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
            }
            let page = String(buffer: try await client.send(.get, "/ui/sign-in").body)
            // The only script is our own file: no inline code, no handler attributes.
            let scripts = page.ranges(of: "<script").map { String(page[$0.lowerBound...].prefix(52)) }
            #expect(scripts == [#"<script src="/ui/assets/passkeys.js" defer></script>"#])
            #expect(!page.contains("onclick=") && !page.contains("style=") && !page.contains("<style"))
            #expect(!page.contains("http://") && !page.contains("https://"))  // no external asset
        }
    }

    @Test func signingInSetsAHostOnlyHttpOnlyCookieThatTheAPINeverAccepts() async throws {
        let h = try await HTTPHarness(web: Self.web)
        try await h.test { client in
            _ = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            let browser = Browser(client)
            let signedIn = try await browser.signIn("ada@example.com")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/ui/account")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-authd_session=") })
            for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] { #expect(cookie.contains(attribute)) }
            #expect(!cookie.contains("Domain"))
            let account = try await browser.get("/ui/account")
            #expect(account.status == .ok)
            #expect(String(buffer: account.body).contains("ada@example.com"))

            // The same token as a cookie on the JSON API: refused, whatever the route.
            var headers = HTTPFields()
            headers[.cookie] = browser.cookieHeader
            for path in ["/api/v1/auth/me", "/api/v1/auth/me/all", "/api/v1/admin/stats"] {
                let api = try await client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
                try api.expectProblem(.unauthorized, "unauthorized")
            }
        }
    }

    @Test func aFormWithoutTheTokenOrFromAnotherSiteIsRefused() async throws {
        let h = try await HTTPHarness(web: Self.web)
        try await h.test { client in
            _ = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            let browser = Browser(client)
            _ = try await browser.signIn("ada@example.com")
            let account = try await browser.get("/ui/account")
            let token = try Browser.csrf(account)
            let sessions = try await client.send(.get, "/api/v1/auth/me/all", token: try await AdminTestSupport.signIn(client, "ada@example.com")).array()
            #expect(sessions.count == 3)

            // No token, a wrong token, another site's Origin, no Origin at all: each a 403 page, nothing changes.
            let attempts: [([String: String], String?)] = [
                ([:], Self.origin), (["csrf": String(repeating: "0", count: 64)], Self.origin),
                (["csrf": token], "https://evil.example"), (["csrf": token], nil),
            ]
            for (fields, origin) in attempts {
                let r = try await browser.post("/ui/account/sessions/revoke-others", fields, origin: origin)
                #expect(r.status == .forbidden)
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            #expect(try await browser.get("/ui/account").status == .ok)
            let still = try await client.send(.get, "/api/v1/auth/me/all", token: try await AdminTestSupport.signIn(client, "ada@example.com")).array()
            #expect(still.count == 4)

            // A token minted for one browser is worthless with another browser's cookies.
            let other = Browser(client)
            _ = try await other.signIn("ada@example.com")
            #expect(try await other.post("/ui/account/sessions/revoke-others", ["csrf": token]).status == .forbidden)
            // With its own token it works.
            let mine = try Browser.csrf(try await other.get("/ui/account"))
            #expect(try await other.post("/ui/account/sessions/revoke-others", ["csrf": mine]).status == .seeOther)
        }
    }

    @Test func signInWithoutATokenIsRefusedToo() async throws {
        let h = try await HTTPHarness(web: Self.web)
        try await h.test { client in
            _ = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            let browser = Browser(client)
            _ = try await browser.get("/ui/sign-in")
            let r = try await browser.post("/ui/sign-in", ["email": "ada@example.com", "password": AdminTestSupport.password])
            #expect(r.status == .forbidden)
            #expect(r.headers[values: .setCookie].allSatisfy { !$0.contains("authd_session") })
        }
    }

    @Test func adminPagesSendStrangersToSignInAndRefuseNonAdmins() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, web: Self.web)
        try await h.test { client in
            let stranger = try await client.send(.get, "/admin/users")
            #expect(stranger.status == .seeOther)
            #expect(stranger.headers[.location] == "/ui/sign-in?next=/admin/users")
            let bob = try await client.registered(h, "bob@example.com", password: AdminTestSupport.password)
            let bobID = try await AdminTestSupport.userID(client, token: bob)
            let browser = Browser(client)
            _ = try await browser.signIn("bob@example.com")
            for path in ["/admin/", "/admin/users", "/admin/users/\(bobID)", "/admin/audit", "/admin/users/nonsense"] {
                let r = try await browser.get(path)
                #expect(r.status == .forbidden, "\(path)")
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            let token = try Browser.csrf(try await browser.get("/ui/account"))
            for action in ["ban", "unban", "sessions/revoke", "reset-mfa", "resend-verification"] {
                #expect(try await browser.post("/admin/users/\(bobID)/\(action)", ["csrf": token]).status == .forbidden)
            }
            #expect(try await client.send(.get, "/api/v1/auth/me", token: bob).status == .ok)  // not banned, not signed out
        }
    }

    @Test func anAdminSignsInWithTheSecondStepAndSeesTheDashboard() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, web: Self.web)
        try await h.test { client in
            let first = try await client.registered(h, AdminTestSupport.adminEmail, password: AdminTestSupport.password)
            let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: first, clock: { h.clock.now })
            h.clock.advance(by: .seconds(30))
            let browser = Browser(client)
            let page = try await browser.get("/ui/sign-in?next=/admin/")
            let step = try await browser.post("/ui/sign-in", [
                "email": AdminTestSupport.adminEmail, "password": AdminTestSupport.password, "csrf": try Browser.csrf(page),
                "next": "/admin/",
            ])
            #expect(step.status == .ok)
            let html = String(buffer: step.body)
            let tokenID = try #require(html.firstMatch(of: /name="token_id" value="([0-9a-f-]+)"/)).1
            let done = try await browser.post("/ui/sign-in/mfa", [
                "token_id": String(tokenID), "code": app.code(at: h.clock.now), "method": "totp", "csrf": try Browser.csrf(step),
                "next": "/admin/",
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/admin/")
            let overview = try await browser.get("/admin/")
            #expect(overview.status == .ok)
            #expect(String(buffer: overview.body).contains("live sessions"))
            let users = try await browser.get("/admin/users?query=adm")
            #expect(String(buffer: users.body).contains(AdminTestSupport.adminEmail))
            // Hostile query strings are answered, never a failure.
            for path in ["/admin/users?cursor=%ZZ", "/admin/audit?type=%3Cscript%3E", "/admin/audit?user=1", "/admin/users/\(UUID())"] {
                let r = try await browser.get(path)
                #expect((400..<500).contains(Int(r.status.code)), "\(path): \(r.status)")
                #expect(!String(buffer: r.body).contains("<script>"))
            }
        }
    }

    @Test func recoveryCodesAndAppRemovalFromTheAccountPageNeedARecentSignIn() async throws {
        let h = try await HTTPHarness(web: Self.web)
        try await h.test { client in
            let token = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            let (app, appID, _) = try await TOTPRoutesTests.enrol(client, token: token, clock: { h.clock.now })
            h.clock.advance(by: .seconds(30))
            let browser = Browser(client)
            let page = try await browser.get("/ui/sign-in")
            let step = try await browser.post("/ui/sign-in", [
                "email": "ada@example.com", "password": AdminTestSupport.password, "csrf": try Browser.csrf(page), "next": "/ui/account",
            ])
            let tokenID = try #require(String(buffer: step.body).firstMatch(of: /name="token_id" value="([0-9a-f-]+)"/)).1
            _ = try await browser.post("/ui/sign-in/mfa", [
                "token_id": String(tokenID), "code": app.code(at: h.clock.now), "method": "totp", "csrf": try Browser.csrf(step),
            ])
            let csrf = try Browser.csrf(try await browser.get("/ui/account"))
            let fresh = try await browser.post("/ui/account/mfa/recovery-codes", ["csrf": csrf])
            #expect(fresh.status == .ok)
            #expect(String(buffer: fresh.body).matches(of: /<li>[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}<\/li>/).count == 10)

            h.clock.advance(by: .seconds(11 * 60))  // no longer a recent sign-in
            let refused = try await browser.post("/ui/account/mfa/totp/\(appID)/remove", ["csrf": csrf])
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("recent sign-in"))
            let status = try await client.send(.get, "/api/v1/auth/mfa", token: token).object()
            #expect(status["mfa_enabled"] as? Bool == true)
        }
    }
}
