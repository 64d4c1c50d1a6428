import AuthCore
import Foundation
import Hummingbird

/// The webhook part of the admin API (docs/admin.md, "Webhooks"), under `/api/v1/admin`:
/// `GET|POST /webhooks`, `DELETE /webhooks/{id}`, `GET /webhooks/deliveries?endpoint=&limit=`,
/// `POST /webhooks/deliveries/{id}/redeliver`. Like every admin route, each handler first proves
/// the caller an admin with a second factor.
public struct WebhookAdminFeature: AuthFeature {
    let admin: AdminConsole
    let webhooks: WebhookAdministration

    /// Creates the feature.
    public init(admin: AdminConsole, webhooks: WebhookAdministration) {
        self.admin = admin
        self.webhooks = webhooks
    }

    public func register(on router: Router<AuthRequestContext>, support: RouteSupport) {
        let authed = support.authenticated(router.group("api/v1/admin"))
        authed.get("webhooks") { _, context in
            _ = try await authorize(context)
            return try JSONBody.response(WebhookEndpointsResponse(
                endpoints: try await webhooks.endpoints().map { WebhookEndpointResponse($0) }))
        }
        authed.post("webhooks") { request, context in
            _ = try await authorize(context)
            let body = try await JSONBody.decode(WebhookEndpointRequest.self, from: request)
            let endpoint = try await webhooks.add(url: body.url, events: body.events ?? [])
            return try JSONBody.response(WebhookEndpointResponse(endpoint, showingSecret: true), status: .created)
        }
        authed.delete("webhooks/:id") { _, context in
            _ = try await authorize(context)
            try await webhooks.remove(try Self.id(context, "no such webhook endpoint"))
            return try JSONBody.response(SuccessResponse())
        }
        authed.get("webhooks/deliveries") { request, context in
            _ = try await authorize(context)
            var endpoint: UUID?
            if let text = request.uri.queryParameters["endpoint"].map(String.init), !text.isEmpty {
                guard let id = UUID(uuidString: text) else { throw AuthError.invalidRequest("endpoint must be an endpoint id") }
                endpoint = id
            }
            let deliveries = try await webhooks.deliveries(endpoint: endpoint, limit: try PageQuery.limit(request) ?? 100)
            return try JSONBody.response(WebhookDeliveriesResponse(deliveries: deliveries.map(WebhookDeliveryResponse.init)))
        }
        authed.post("webhooks/deliveries/:id/redeliver") { _, context in
            _ = try await authorize(context)
            try await webhooks.redeliver(try Self.id(context, "no such webhook delivery"))
            return try JSONBody.response(SuccessResponse())
        }
    }

    func authorize(_ context: AuthRequestContext) async throws -> Administrator {
        try await admin.authorize(try context.requireAuthenticated())
    }

    static func id(_ context: AuthRequestContext, _ missing: String) throws -> UUID {
        guard let id = UUID(uuidString: try context.pathParameter("id")) else { throw AuthError(.notFound, missing) }
        return id
    }
}
