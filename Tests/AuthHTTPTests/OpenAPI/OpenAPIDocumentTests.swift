@testable import AuthHTTP
import AuthCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func everyRegisteredRouteIsDescribed() async throws {
        let h = try await HTTPHarness()
        // The OAuth routes are a feature the host adds when a provider is configured; describe them too.
        let oauth = h.auth.oauthSignIn(
            providers: try OAuthProviderRegistry([]), states: InMemoryEphemeralStateStore(),
            redirectAllowlist: try RedirectAllowlist(["https://app.example.com/callback"]))
        // So are the webhook admin routes (authd always adds them).
        let webhooks = WebhookAdminFeature(admin: h.auth.admin, webhooks: WebhookAdministration(
            store: InMemoryWebhookStore(), policy: WebhookTargetPolicy(allowPrivate: false), resolver: FixedResolver()))
        let router = AuthApplication(
            auth: h.auth, rateLimiter: InMemoryRateLimiter(), features: [OAuthFeature(flow: oauth), webhooks]
        ).buildRouter()
        let paths = try #require(OpenAPIDocument.document["paths"])
        #expect(router.routes.count >= 24)
        for route in router.routes {
            // Router parameters are written `:name`; OpenAPI writes `{name}`.
            let path = "/" + "\(route.path)".split(separator: "/")
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let method = route.method.rawValue.lowercased()
            let operation = paths[path]?[method]
            #expect(operation != nil, "\(route.method) \(path) is not in the OpenAPI document")
            #expect(operation?["responses"] != nil, "\(route.method) \(path) has no responses")
        }
    }

    @Test func everyReferenceResolves() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try encoder.encode(OpenAPIDocument.document)
        let text = String(decoding: data, as: UTF8.self)
        let refs = text.matches(of: /"\$ref":"#\/components\/(schemas|responses)\/([A-Za-z0-9]+)"/)
        #expect(!refs.isEmpty)
        let components = try #require(OpenAPIDocument.document["components"])
        for ref in refs {
            #expect(components[String(ref.1)]?[String(ref.2)] != nil, "dangling $ref \(ref.1)/\(ref.2)")
        }
    }

    @Test func theDocumentIsServedAsOpenAPI31() async throws {
        let h = try await HTTPHarness()
        try await h.test { client in
            let r = try await client.send(.get, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            let body = try r.object()
            #expect(body["openapi"] as? String == "3.1.0")
            let paths = try #require(body["paths"] as? [String: Any])
            #expect(paths["/api/v1/auth/sign-in/credentials"] != nil)
        }
    }
}
