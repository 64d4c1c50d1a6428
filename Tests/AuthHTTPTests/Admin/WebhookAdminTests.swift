import AuthCore
import AuthHTTP
import AuthTesting
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The webhook part of the admin API (docs/api.md, "Admin API"; docs/webhooks.md).
@Suite("admin API: webhooks")
struct WebhookAdminTests {
    @Test func onlyAnAdminWithASecondFactorReachesTheWebhookRoutes() async throws {
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, webhooks: InMemoryWebhookStore())
        try await h.test { client in
            let mallory = try await client.registered(h, "mallory@example.com")
            let id = UUID().uuidString
            for (method, path): (HTTPRequest.Method, String) in [
                (.get, "/api/v1/admin/webhooks"), (.post, "/api/v1/admin/webhooks"), (.delete, "/api/v1/admin/webhooks/\(id)"),
                (.get, "/api/v1/admin/webhooks/deliveries"), (.post, "/api/v1/admin/webhooks/deliveries/\(id)/redeliver"),
            ] {
                try await client.send(method, path, token: mallory).expectProblem(.forbidden, "forbidden")
                try await client.send(method, path).expectProblem(.unauthorized, "unauthorized")
            }
        }
    }

    @Test func anAdminAddsAnEndpointSeesItsDeliveriesAndRemovesIt() async throws {
        let store = InMemoryWebhookStore()
        let h = try await HTTPHarness(configuration: AdminTestSupport.configuration, webhooks: store)
        try await h.test { client in
            let (admin, _) = try await AdminTestSupport.admin(h, client)
            for url in ["http://127.0.0.1/", "http://10.0.0.1/", "ftp://example.com/"] {
                let refused = try await client.send(.post, "/api/v1/admin/webhooks", json: ["url": url], token: admin)
                try refused.expectProblem(.badRequest, "invalid_request")
            }
            try await client.send(.post, "/api/v1/admin/webhooks", json: ["url": "https://hooks.example.com/", "events": ["nope"]], token: admin)
                .expectProblem(.badRequest, "invalid_request")
            try await client.send(.post, "/api/v1/admin/webhooks", json: ["url": 42], token: admin)
                .expectProblem(.badRequest, "invalid_request")

            let added = try await client.send(
                .post, "/api/v1/admin/webhooks", json: ["url": "https://hooks.example.com/in", "events": ["user.created"]], token: admin)
            #expect(added.status == .created)
            let endpoint = try added.object()
            let id = try #require(endpoint["id"] as? String)
            #expect((endpoint["secret"] as? String)?.hasPrefix("whsec_") == true)
            #expect(endpoint["events"] as? [String] == ["user.created"])

            let listed = try await client.send(.get, "/api/v1/admin/webhooks", token: admin).object()
            let rows = try #require(listed["endpoints"] as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == [id])
            #expect(rows.first?["secret"] == nil)  // shown once, at creation

            _ = try await client.registered(h, "ada@example.com")
            let deliveries = try await client.send(.get, "/api/v1/admin/webhooks/deliveries?endpoint=\(id)", token: admin).object()
            let queued = try #require(deliveries["deliveries"] as? [[String: Any]])
            #expect(queued.compactMap { $0["event_type"] as? String } == ["user.created"])
            #expect(queued.first?["state"] as? String == "pending")
            #expect(queued.first?["attempts"] as? Int == 0)
            #expect((queued.first?["webhook_id"] as? String)?.hasPrefix("msg_") == true)

            let deliveryID = try #require(queued.first?["id"] as? String)
            #expect(try await client.send(.post, "/api/v1/admin/webhooks/deliveries/\(deliveryID)/redeliver", token: admin).status == .ok)
            try await client.send(.post, "/api/v1/admin/webhooks/deliveries/\(UUID())/redeliver", token: admin)
                .expectProblem(.notFound, "not_found")
            try await client.send(.get, "/api/v1/admin/webhooks/deliveries?endpoint=nope", token: admin)
                .expectProblem(.badRequest, "invalid_request")

            #expect(try await client.send(.delete, "/api/v1/admin/webhooks/\(id)", token: admin).status == .ok)
            try await client.send(.delete, "/api/v1/admin/webhooks/\(id)", token: admin).expectProblem(.notFound, "not_found")
            #expect(try await store.endpoints().isEmpty)
        }
    }
}
