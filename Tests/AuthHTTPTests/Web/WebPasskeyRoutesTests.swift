import AuthCore
import AuthHTTP
import AuthTesting
import AuthWeb
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The pages' passkey calls: the script is our own file, and every call it makes passes the same
/// Origin and CSRF checks as a form. (Tests/browser/test_passkeys.py runs the ceremonies in Chromium.)
@Suite("web pages: passkeys")
struct WebPasskeyRoutesTests {
    typealias Browser = WebPagesTests.Browser

    /// A script call: JSON with the page's token in `X-CSRF-Token`.
    static func call(
        _ browser: Browser, _ path: String, token: String?, origin: String? = WebPagesTests.origin
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let origin { headers[.origin] = origin }
        if let token { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        headers[.cookie] = browser.cookieHeader
        return try await browser.client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(string: "{}"))
    }

    @Test func theScriptIsServedAsAFileOfOurOwn() async throws {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        try await h.test { client in
            let r = try await client.executeRequest(uri: "/ui/assets/passkeys.js", method: .get, headers: [:], body: nil)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(String(buffer: r.body).contains("navigator.credentials.create"))
            let page = try await client.executeRequest(uri: "/ui/sign-in", method: .get, headers: [:], body: nil)
            #expect(String(buffer: page.body).contains(#"<script src="/ui/assets/passkeys.js" defer></script>"#))
        }
    }

    @Test func aScriptCallWithoutTheTokenOrFromAnotherSiteIsRefused() async throws {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        try await h.test { client in
            _ = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            let browser = Browser(client)
            _ = try await browser.signIn("ada@example.com")
            let token = try Browser.csrf(try await browser.get("/ui/account"))
            let path = "/ui/passkeys/register/options"
            let wrong = (token.hasPrefix("0") ? "1" : "0") + token.dropFirst()  // one hex digit off
            for (sent, origin) in [(nil, WebPagesTests.origin), (wrong, WebPagesTests.origin), (token, "https://evil.example"), (token, nil)] {
                let r = try await Self.call(browser, path, token: sent, origin: origin)
                try r.expectProblem(.forbidden, "forbidden")
            }
            let options = try await Self.call(browser, path, token: token).object()
            #expect(options["challenge_id"] is String)
            #expect((options["public_key"] as? [String: Any])?["challenge"] is String)
            // Signed out, the same call is refused: registering needs the session.
            let stranger = Browser(client)
            let strangerToken = try Browser.csrf(try await stranger.get("/ui/sign-in"))
            #expect(try await Self.call(stranger, path, token: strangerToken).status == .unauthorized)
            // Passkey sign-in options need no session, only the token of the sign-in page.
            let signIn = try await Self.call(stranger, "/ui/sign-in/passkey/options", token: strangerToken).object()
            #expect(signIn["challenge_id"] is String)
        }
    }

    /// A script call with a JSON body.
    static func call(_ browser: Browser, _ path: String, token: String, json: some Encodable) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.origin] = WebPagesTests.origin
        headers[HTTPField.Name("X-CSRF-Token")!] = token
        headers[.cookie] = browser.cookieHeader
        let body = ByteBuffer(bytes: try JSONEncoder().encode(json))
        let r = try await browser.client.executeRequest(uri: path, method: .post, headers: headers, body: body)
        browser.keep(r)
        return r
    }

    struct PageAssertion: Encodable {
        var challenge_id: String
        var credential: AuthenticationResponseJSON
        var next: String
    }

    @Test func aPasskeySignInOnThePagesSetsTheCookieAndAnswersOnlyWhereToGo() async throws {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        try await h.test { client in
            let token = try await client.registered(h, "ada@example.com", password: AdminTestSupport.password)
            var authenticator = TestAuthenticator()
            #expect(try await PasskeyRoutesTests.register(client, token: token, &authenticator).status == .ok)
            for (next, expected) in [("/ui/account", "/ui/account"), ("https://evil.example/", "/ui/account"), ("/admin/", "/admin/")] {
                let browser = Browser(client)
                let csrf = try Browser.csrf(try await browser.get("/ui/sign-in"))
                let started = try await Self.call(browser, "/ui/sign-in/passkey/options", token: csrf)
                let (challengeID, options) = try PasskeyRoutesTests.publicKey(started, as: PublicKeyCredentialRequestOptionsJSON.self)
                let done = try await Self.call(
                    browser, "/ui/sign-in/passkey", token: csrf,
                    json: PageAssertion(challenge_id: challengeID, credential: authenticator.assert(options), next: next))
                #expect(done.status == .ok)
                // Where to go, and nothing else: the session travels in the HttpOnly cookie, no token reaches the script.
                #expect(try done.object().keys.sorted() == ["redirect"])
                #expect(try done.object()["redirect"] as? String == expected)
                #expect(done.headers[values: .setCookie].contains { $0.hasPrefix("__Host-authd_session=") && $0.contains("HttpOnly") })
                let account = try await browser.get("/ui/account")
                #expect(account.status == .ok)
                #expect(String(buffer: account.body).contains("ada@example.com"))
            }
        }
    }
}
