import AuthCore
import AuthHTTP
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// "Sign in with Google" on the pages, against the local OpenID provider: the browser comes back
/// signed in, and a callback from another browser (login CSRF) is refused.
@Suite("provider sign-in on the pages", .enabled(if: OIDCTestServer.isEnabled))
struct WebOAuthTests {
    @Test func theSignInPageOffersGoogleAndTheBrowserComesBackSignedIn() async throws {
        try await OAuthHTTPHarness.with { h in
            let person = try await h.newUser()
            try await h.test { client in
                let browser = WebPagesTests.Browser(client)
                let page = String(buffer: try await browser.get("/ui/sign-in").body)
                #expect(page.contains("href=\"/ui/sign-in/google?next=/ui/account\""))
                let start = try await browser.get("/ui/sign-in/google")
                #expect(start.status == .found)
                let consent = try #require(start.headers[.location].flatMap(URL.init(string:)))
                #expect(consent.absoluteString.contains("redirect_uri=\(OAuthHTTPHarness.pageRedirect)"))
                let back = try await OIDCTestServer.consent(consent, sub: person.sub, using: h.fetcher)
                let callback = "/ui/oauth/google/callback?code=\(back["code"] ?? "")&state=\(back["state"] ?? "")"

                // The same callback in another browser (an attacker's code in a victim's browser).
                let other = WebPagesTests.Browser(client)
                _ = try await other.get("/ui/sign-in")
                let forged = try await other.get(callback)
                #expect(forged.status == .forbidden)
                #expect(forged.headers[values: .setCookie].allSatisfy { !$0.contains("authd_session") })

                // The state is single use: the real browser must start again.
                let again = try await browser.get("/ui/sign-in/google")
                let second = try await OIDCTestServer.consent(
                    try #require(again.headers[.location].flatMap(URL.init(string:))), sub: person.sub, using: h.fetcher)
                let done = try await browser.get("/ui/oauth/google/callback?code=\(second["code"] ?? "")&state=\(second["state"] ?? "")")
                #expect(done.status == .seeOther)
                #expect(done.headers[.location] == "/ui/account")
                let account = try await browser.get("/ui/account")
                #expect(String(buffer: account.body).contains(person.email))
            }
        }
    }

    /// An OpenID client's pending request survives a provider sign-in: the button carries `next`,
    /// and the browser comes back to it.
    @Test func aProviderSignInReturnsToWhereTheSignInPageWasGoing() async throws {
        try await OAuthHTTPHarness.with { h in
            let person = try await h.newUser()
            try await h.test { client in
                let browser = WebPagesTests.Browser(client)
                let next = "/oauth2/authorize/continue?request=abc"
                let page = String(buffer: try await browser.get("/ui/sign-in?next=\(WebPagesTestsSupport.encoded(next))").body)
                #expect(page.contains(#"href="/ui/sign-in/google?next=/oauth2/authorize/continue%3Frequest%3Dabc""#))
                let start = try await browser.get("/ui/sign-in/google?next=\(WebPagesTestsSupport.encoded(next))")
                let back = try await OIDCTestServer.consent(
                    try #require(start.headers[.location].flatMap(URL.init(string:))), sub: person.sub, using: h.fetcher)
                let done = try await browser.get("/ui/oauth/google/callback?code=\(back["code"] ?? "")&state=\(back["state"] ?? "")")
                #expect(done.headers[.location] == next)
                // Another site is never a destination.
                let elsewhere = try await browser.get("/ui/sign-in/google?next=https%3A%2F%2Fevil.example.com%2F")
                let again = try await OIDCTestServer.consent(
                    try #require(elsewhere.headers[.location].flatMap(URL.init(string:))), sub: person.sub, using: h.fetcher)
                let safe = try await browser.get("/ui/oauth/google/callback?code=\(again["code"] ?? "")&state=\(again["state"] ?? "")")
                #expect(safe.headers[.location] == "/ui/account")
            }
        }
    }

    /// A provider that returns with a form POST (Apple's `form_post`, simulated with the local
    /// provider's code): the cross-site POST is handed to a same-site page, whose POST signs in.
    @Test func aFormPostReturnIsCompletedThroughTheSameSitePage() async throws {
        try await OAuthHTTPHarness.with { h in
            let person = try await h.newUser()
            try await h.test { client in
                let browser = WebPagesTests.Browser(client)
                _ = try await browser.get("/ui/sign-in")
                let start = try await browser.get("/ui/sign-in/google")
                let back = try await OIDCTestServer.consent(
                    try #require(start.headers[.location].flatMap(URL.init(string:))), sub: person.sub, using: h.fetcher)
                let fields = ["code": back["code"] ?? "", "state": back["state"] ?? ""]

                // Cross-site: no cookie comes with it, and none is set.
                var headers = HTTPFields()
                headers[.contentType] = "application/x-www-form-urlencoded"
                headers[.origin] = "https://provider.example"
                let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                    .joined(separator: "&")
                let relay = try await client.executeRequest(
                    uri: "/ui/oauth/google/callback", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(relay.status == .ok)
                #expect(relay.headers[values: .setCookie].isEmpty)
                #expect(String(buffer: relay.body).contains(#"action="/ui/oauth/google/callback/continue""#))

                let done = try await browser.post("/ui/oauth/google/callback/continue", fields)
                #expect(done.status == .seeOther)
                #expect(done.headers[.location] == "/ui/account")
                let account = try await browser.get("/ui/account")
                #expect(String(buffer: account.body).contains(person.email))
            }
        }
    }
}

/// Query encoding for the page tests.
enum WebPagesTestsSupport {
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
