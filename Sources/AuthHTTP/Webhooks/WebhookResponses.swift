import AuthCore
import Foundation

/// One endpoint in the admin API: `{id, url, events, created_at}`, plus `secret` only in the
/// answer to its creation.
struct WebhookEndpointResponse: Encodable, Sendable {
    var id: String
    var url: String
    var events: [String]
    var createdAt: String
    var secret: String?

    enum CodingKeys: String, CodingKey {
        case id, url, events, secret
        case createdAt = "created_at"
    }

    init(_ endpoint: WebhookEndpoint, showingSecret: Bool = false) {
        id = endpoint.id.uuidString.lowercased()
        url = endpoint.url
        events = endpoint.events.isEmpty ? ["*"] : endpoint.events.map(\.rawValue)
        createdAt = Timestamp.format(endpoint.createdAt)
        secret = showingSecret ? endpoint.secret : nil
    }
}

/// `{endpoints: [...]}`.
struct WebhookEndpointsResponse: Encodable, Sendable {
    var endpoints: [WebhookEndpointResponse]
}

/// One delivery: `{id, endpoint_id, webhook_id, event_type, state, attempts, created_at,
/// next_attempt_at, delivered_at, given_up_at, last_status, last_error}`.
struct WebhookDeliveryResponse: Encodable, Sendable {
    var id: String
    var endpointID: String
    var webhookID: String
    var eventType: String
    var state: String
    var attempts: Int
    var createdAt: String
    var nextAttemptAt: String?
    var deliveredAt: String?
    var givenUpAt: String?
    var lastStatus: Int?
    var lastError: String?

    enum CodingKeys: String, CodingKey {
        case id, state, attempts
        case endpointID = "endpoint_id"
        case webhookID = "webhook_id"
        case eventType = "event_type"
        case createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at"
        case deliveredAt = "delivered_at"
        case givenUpAt = "given_up_at"
        case lastStatus = "last_status"
        case lastError = "last_error"
    }

    init(_ d: WebhookDelivery) {
        id = d.id.uuidString.lowercased()
        endpointID = d.endpointID.uuidString.lowercased()
        webhookID = d.messageID
        eventType = d.eventType.rawValue
        state = d.state
        attempts = d.attempts
        createdAt = Timestamp.format(d.createdAt)
        nextAttemptAt = d.nextAttemptAt.map(Timestamp.format)
        deliveredAt = d.deliveredAt.map(Timestamp.format)
        givenUpAt = d.givenUpAt.map(Timestamp.format)
        lastStatus = d.lastStatus
        lastError = d.lastError
    }
}

/// `{deliveries: [...]}`.
struct WebhookDeliveriesResponse: Encodable, Sendable {
    var deliveries: [WebhookDeliveryResponse]
}

/// `POST /api/v1/admin/webhooks`: `{url, events?}` (`events` absent or `["*"]`: every type).
struct WebhookEndpointRequest: Decodable, Sendable {
    var url: String
    var events: [String]?
}
