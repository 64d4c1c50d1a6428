import AuthCore
import AuthHTTP
import Foundation
import Hummingbird

/// `/admin/webhooks`: the endpoints and their newest deliveries with attempts, each with a
/// redeliver button (a CSRF-checked form, post/redirect/get).
extension WebPages {
    func registerAdminWebhooks(on admin: RouterGroup<AuthRequestContext>) {
        admin.get("webhooks") { request, context in
            let (visitor, _) = try await self.administrator(request, context)
            var values = base(visitor, title: "Webhooks")
            values["notice"] = request.uri.queryParameters["done"] == "redelivered" ? "The delivery is due again." : nil
            if let webhooks {
                values["enabled"] = true
                values["endpoints"] = try await webhooks.endpoints().map { endpoint -> [String: Any] in
                    [
                        "id": endpoint.id.uuidString.lowercased(), "url": endpoint.url, "created": Self.time(endpoint.createdAt),
                        "events": endpoint.events.isEmpty ? "every type" : endpoint.events.map(\.rawValue).joined(separator: ", "),
                    ]
                }
                values["deliveries"] = try await webhooks.deliveries(limit: 200).map { d -> [String: Any] in
                    [
                        "id": d.id.uuidString.lowercased(), "created": Self.time(d.createdAt), "event": d.eventType.rawValue,
                        "webhook_id": d.messageID, "state": d.state, "given_up": d.givenUpAt != nil, "attempts": d.attempts,
                        "last": d.lastStatus.map { "HTTP \($0)" } ?? d.lastError ?? "",
                        "next": d.nextAttemptAt.map(Self.time) ?? "",
                    ]
                }
            }
            return page("admin_webhooks", values, for: visitor)
        }
        admin.post("webhooks/deliveries/:id/redeliver") { request, context in
            let visitor = try await visitor(request, context)
            _ = try await auth.admin.authorize(try Self.require(visitor))
            guard let webhooks, let id = UUID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such webhook delivery")
            }
            try await webhooks.redeliver(id)
            return PageRenderer.redirect("/admin/webhooks?done=redelivered")
        }
    }
}
