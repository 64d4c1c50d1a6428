import AuthCore
import AuthHTTP
import AuthTesting
import AuthWeb
import Foundation
import HummingbirdTesting
import Testing

/// The made-up paper-list factor end to end: enrolled through its own route, offered and accepted
/// on the sign-in page's second step, listed on the account page. Nothing outside this folder
/// names it except the one registration below.
@Suite("a made-up second factor on the pages")
struct PaperListPageTests {
    @Test func aPaperListIsOfferedByTheSecondStepAndListedOnTheAccountPage() async throws {
        let clock = ManualClock()
        let mailbox = InMemoryMailbox()
        let deps = AuthDependencies.inMemory(
            mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: HTTPHarness.cheapArgon), clock: clock,
            random: SeededRandomSource(seed: 42))
        let factor = PaperListFactor(store: InMemoryPaperListStore(), random: SeededRandomSource(seed: 7), clock: clock)
        // The one registration: the method beside the built-in ones, its enrolment route beside the pages.
        let auth = try await AuthService(
            dependencies: deps, jwtSecret: HTTPHarness.secret, codeKey: Array(repeating: 9, count: 32), secondFactors: [factor])
        let app = AuthApplication(
            auth: auth, rateLimiter: deps.rateLimiter,
            features: [WebFeature(auth: auth, settings: WebPagesTests.web), PaperListFeature(factor: factor)])

        try await app.makeApplication(host: "127.0.0.1", port: 0).test(.router) { client in
            let email = "ada@example.com"
            let signUp = try await client.send(.post, "/api/v1/auth/sign-up", json: ["email": email, "password": AdminTestSupport.password])
            let mailed = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            let verified = try await client.send(
                .post, "/api/v1/auth/verify-email", json: ["token_id": try signUp.object()["verification_id"] as? String ?? "", "code": mailed])
            let token = try #require(try verified.object()["token"] as? String)

            let printed = try await client.send(.post, "/api/v1/auth/mfa/paper-list", token: token)
            #expect(printed.status == .created)
            let codes = try #require(try printed.object()["codes"] as? [String])
            #expect(codes.count == PaperListFactor.size)

            // The second step offers the paper list by its label, with its own instruction.
            let browser = WebPagesTests.Browser(client)
            let step = try await browser.signIn(email)
            #expect(step.status == .ok)
            let html = String(buffer: step.body)
            #expect(html.contains(#"<option value="paper_list">Paper list</option>"#))
            #expect(html.contains("<p>Enter the next code on your paper list.</p>"))
            #expect(!html.contains("authenticator app"))  // the account has none
            #expect(!html.contains("passkey-mfa-button"))
            let tokenID = String(try #require(html.firstMatch(of: /name="token_id" value="([0-9A-Fa-f-]+)"/)).1)

            let wrong = try await browser.post("/ui/sign-in/mfa", [
                "token_id": tokenID, "code": "00000000", "method": "paper_list", "csrf": try WebPagesTests.Browser.csrf(step),
            ])
            #expect(wrong.status == .badRequest)
            #expect(String(buffer: wrong.body).contains(#"<option value="paper_list">Paper list</option>"#))
            let done = try await browser.post("/ui/sign-in/mfa", [
                "token_id": tokenID, "code": codes[0], "method": "paper_list", "csrf": try WebPagesTests.Browser.csrf(wrong),
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/ui/account")

            // The account page lists it by its label, with no removal form (the pages have no
            // route for it), and the used code is crossed off.
            let account = String(buffer: try await browser.get("/ui/account").body)
            #expect(account.contains(#"<p class="actions" data-factor="paper_list"><span>Paper list (4 left) "#))
            #expect(!account.contains("/ui/account/mfa/paper_list/"))
        }
    }
}
