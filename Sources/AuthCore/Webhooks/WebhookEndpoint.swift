import Foundation

/// Where a deployer wants events POSTed (`authd webhooks add`), and which ones.
public struct WebhookEndpoint: Hashable, Sendable {
    /// The endpoint's id.
    public var id: UUID
    /// The target, `http://` or `https://`.
    public var url: String
    /// The event types it receives; empty means every type.
    public var events: [AuthEvent.EventType]
    /// The signing secret, `whsec_<base64>`.
    /// - Important: shown to the operator once, when the endpoint is added; stored sealed.
    public var secret: String
    /// When it was added.
    public var createdAt: Date

    /// Creates an endpoint.
    public init(id: UUID = UUID(), url: String, events: [AuthEvent.EventType], secret: String, createdAt: Date) {
        self.id = id
        self.url = url
        self.events = events
        self.secret = secret
        self.createdAt = createdAt
    }

    /// Whether events of `type` go to this endpoint.
    public func receives(_ type: AuthEvent.EventType) -> Bool { events.isEmpty || events.contains(type) }
}

/// One event on its way to one endpoint, with what its attempts found.
public struct WebhookDelivery: Hashable, Sendable {
    /// The delivery's id.
    public var id: UUID
    /// The endpoint it goes to.
    public var endpointID: UUID
    /// The event's id; the `webhook-id` header is `msg_` and this id, the same on every attempt.
    public var eventID: UUID
    /// The event's type.
    public var eventType: AuthEvent.EventType
    /// The JSON body, exactly as it is signed and sent.
    public var payload: [UInt8]
    /// When it was queued.
    public var createdAt: Date
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (`nil` once delivered or given up).
    public var nextAttemptAt: Date?
    /// The HTTP status of the last attempt, when it got one.
    public var lastStatus: Int?
    /// Why the last attempt failed, when it did.
    public var lastError: String?
    /// When it was delivered (a 2xx answer).
    public var deliveredAt: Date?
    /// When it was given up.
    public var givenUpAt: Date?

    /// Creates a delivery (adapters do this).
    public init(
        id: UUID = UUID(), endpointID: UUID, eventID: UUID, eventType: AuthEvent.EventType, payload: [UInt8],
        createdAt: Date, attempts: Int = 0, nextAttemptAt: Date?, lastStatus: Int? = nil, lastError: String? = nil,
        deliveredAt: Date? = nil, givenUpAt: Date? = nil
    ) {
        self.id = id
        self.endpointID = endpointID
        self.eventID = eventID
        self.eventType = eventType
        self.payload = payload
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.givenUpAt = givenUpAt
    }

    /// The `webhook-id` header: stable across attempts, so a receiver can drop duplicates.
    public var messageID: String { "msg_" + eventID.uuidString.lowercased() }

    /// `delivered`, `given_up` or `pending`.
    public var state: String { deliveredAt != nil ? "delivered" : givenUpAt != nil ? "given_up" : "pending" }
}

/// A delivery a ``WebhookWorker`` claimed, with where it goes and its lease.
public struct ClaimedWebhook: Hashable, Sendable {
    /// The delivery.
    public var delivery: WebhookDelivery
    /// The endpoint's URL.
    public var url: String
    /// The endpoint's signing secret.
    public var secret: String
    /// Which attempt this claim is (1 for the first); it fences stale outcomes.
    public var attempt: Int

    /// Creates a claim (adapters do this).
    public init(delivery: WebhookDelivery, url: String, secret: String, attempt: Int) {
        self.delivery = delivery
        self.url = url
        self.secret = secret
        self.attempt = attempt
    }
}
