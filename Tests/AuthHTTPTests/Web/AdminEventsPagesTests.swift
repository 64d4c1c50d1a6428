import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import HummingbirdTesting
import Testing

/// The dashboard's activity chart and webhook page (docs/admin.md).
@Suite("admin pages: activity and webhooks")
struct AdminEventsPagesTests {
    typealias Browser = WebPagesTests.Browser

    /// Signs the admin into the pages with password and app; returns the browser.
    static func adminBrowser(_ h: HTTPHarness, _ client: any TestClientProtocol) async throws -> Browser {
        let first = try await client.registered(h, AdminTestSupport.adminEmail, password: AdminTestSupport.password)
        let (app, _, _) = try await TOTPRoutesTests.enrol(client, token: first, clock: { h.clock.now })
        h.clock.advance(by: .seconds(30))
        let browser = Browser(client)
        let page = try await browser.get("/ui/sign-in?next=/admin/")
        let step = try await browser.post("/ui/sign-in", [
            "email": AdminTestSupport.adminEmail, "password": AdminTestSupport.password, "csrf": try Browser.csrf(page),
            "next": "/admin/",
        ])
        let tokenID = try #require(String(buffer: step.body).firstMatch(of: /name="token_id" value="([0-9a-f-]+)"/)).1
        let done = try await browser.post("/ui/sign-in/mfa", [
            "token_id": String(tokenID), "code": app.code(at: h.clock.now), "method": "totp", "csrf": try Browser.csrf(step),
            "next": "/admin/",
        ])
        #expect(done.status == .seeOther)
        return browser
    }

    @Test func theOverviewDrawsTheLastSevenDaysAsAnSVGWithTheNumbersBesideIt() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, web: WebPagesTests.web)
        try await h.test { client in
            let browser = try await Self.adminBrowser(h, client)
            _ = try await client.registered(h, "bob@example.com", password: AdminTestSupport.password)
            let wrong = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "bob@example.com", "password": "not bob's password"])
            #expect(wrong.status == .unauthorized)

            let overview = try await browser.get("/admin/")
            #expect(overview.status == .ok)
            let html = String(buffer: overview.body)
            let svg = try #require(html.firstMatch(of: #/<svg xmlns="http://www.w3.org/2000/svg"[^>]*id="activity-chart".*?</svg>/#))
            #expect(svg.output.matches(of: #/<polyline /#).count == 3)
            #expect(!html.contains("<script>") && !svg.output.contains("style="))
            // The numbers beside it: today's row and the totals of the week.
            #expect(html.contains(#"sign-ups: <strong class="total">2</strong>"#))
            #expect(html.contains(#"failed sign-ins: <strong class="total">1</strong>"#))
            let today = try #require(html.firstMatch(
                of: #/<table id="activity-days">.*?<tbody><tr><td>Thu 01 Jan</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>/#.dotMatchesNewlines()))
            #expect(today.output.2 == "1")
            #expect(today.output.3 == "2")
            // Sign-ins: the admin's verification and two-step sign-in, Bob's verification.
            #expect(today.output.1 == "3")
            #expect(html.matches(of: #/<tr><td>2026-01-0/#).count + html.matches(of: #/<tr><td>2025-12-/#).count == 168)
        }
    }

    @Test func theWebhookPageListsDeliveriesWithAttemptsAndRedelivers() async throws {
        let store = InMemoryWebhookStore()
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, web: WebPagesTests.web, webhooks: store)
        try await h.test { client in
            await store.addEndpoint(WebhookEndpoint(
                url: "https://hooks.example.com/in", events: [.userBanned],
                secret: "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", createdAt: h.clock.now))
            let browser = try await Self.adminBrowser(h, client)
            let event = AuthEvent(type: .userBanned, occurredAt: h.clock.now, client: "web")
            await store.enqueue(event, payload: Array("{}".utf8))
            let claim = try #require(await store.claim(limit: 1, lease: .seconds(60)).first)
            await store.giveUp(claim, status: 500, error: "the endpoint answered 500")

            let page = try await browser.get("/admin/webhooks")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("https://hooks.example.com/in"))
            #expect(html.contains(claim.delivery.messageID))
            #expect(html.contains(#"<td class="attempts">1</td>"#))
            #expect(html.contains("given up"))
            #expect(html.contains("HTTP 500"))

            let redeliver = try await browser.post(
                "/admin/webhooks/deliveries/\(claim.delivery.id.uuidString.lowercased())/redeliver", ["csrf": try Browser.csrf(page)])
            #expect(redeliver.status == .seeOther)
            #expect(redeliver.headers[.location] == "/admin/webhooks?done=redelivered")
            #expect(try await store.claim(limit: 1, lease: .seconds(60)).map(\.delivery.id) == [claim.delivery.id])
            // Without the CSRF token nothing happens.
            #expect(try await browser.post("/admin/webhooks/deliveries/\(claim.delivery.id)/redeliver", [:]).status == .forbidden)
        }
    }
}
