import Foundation

/// The JSON body of a webhook delivery (docs/webhooks.md, "Payload"):
/// `{"type": "user.created", "timestamp": "…", "data": {"id", "user_id", "actor_id", "email", "ip", "client", "reason"}}`.
enum WebhookPayload {
    private struct Body: Encodable {
        var type: String
        var timestamp: String
        var data: Data

        struct Data: Encodable {
            var id: String
            var user_id: String?
            var actor_id: String?
            var email: String?
            var ip: String?
            var client: String
            var reason: String?
        }
    }

    /// The body for `event`.
    static func body(of event: AuthEvent) throws -> [UInt8] {
        let body = Body(
            type: event.type.rawValue, timestamp: Timestamp.format(event.occurredAt),
            data: .init(
                id: event.id.uuidString.lowercased(), user_id: event.userID?.description,
                actor_id: event.actorID?.description, email: event.email?.value, ip: event.ip?.description,
                client: event.client, reason: event.reason))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(body))
        } catch {
            throw AuthError(.internal, underlying: error)
        }
    }
}
