import Foundation

/// A ``WebhookStore`` in memory: for tests and the embedded default (lost on restart).
public actor InMemoryWebhookStore: WebhookStore {
    private var endpointsByID: [UUID: WebhookEndpoint] = [:]
    private var order: [UUID] = []
    private var queue: [WebhookDelivery] = []
    private let clock: any WallClock

    /// Creates an empty store on `clock` (share it with the workers).
    public init(clock: any WallClock = SystemClock()) { self.clock = clock }

    public func addEndpoint(_ endpoint: WebhookEndpoint) {
        if endpointsByID.updateValue(endpoint, forKey: endpoint.id) == nil { order.append(endpoint.id) }
    }

    public func endpoints() -> [WebhookEndpoint] { order.compactMap { endpointsByID[$0] } }

    public func removeEndpoint(_ id: UUID) -> Bool {
        guard endpointsByID.removeValue(forKey: id) != nil else { return false }
        order.removeAll { $0 == id }
        queue.removeAll { $0.endpointID == id }
        return true
    }

    @discardableResult
    public func enqueue(_ event: AuthEvent, payload: [UInt8]) -> Int {
        let now = clock.now
        var queued = 0
        for endpoint in endpoints() where endpoint.receives(event.type) {
            guard !queue.contains(where: { $0.endpointID == endpoint.id && $0.eventID == event.id }) else { continue }
            queue.append(WebhookDelivery(
                endpointID: endpoint.id, eventID: event.id, eventType: event.type, payload: payload, createdAt: now,
                nextAttemptAt: now))
            queued += 1
        }
        return queued
    }

    public func claim(limit: Int, lease: Duration) -> [ClaimedWebhook] {
        let now = clock.now
        var claims: [ClaimedWebhook] = []
        let due = queue.indices
            .filter { queue[$0].nextAttemptAt.map { $0 <= now } ?? false }
            .sorted { (queue[$0].nextAttemptAt!, queue[$0].createdAt) < (queue[$1].nextAttemptAt!, queue[$1].createdAt) }
        for index in due.prefix(max(0, limit)) {
            guard let endpoint = endpointsByID[queue[index].endpointID] else { continue }
            queue[index].attempts += 1
            queue[index].nextAttemptAt = now.addingTimeInterval(lease.timeInterval)
            claims.append(ClaimedWebhook(
                delivery: queue[index], url: endpoint.url, secret: endpoint.secret, attempt: queue[index].attempts))
        }
        return claims
    }

    public func markDelivered(_ claim: ClaimedWebhook, status: Int) {
        update(claim) {
            $0.deliveredAt = clock.now
            $0.nextAttemptAt = nil
            $0.lastStatus = status
            $0.lastError = nil
        }
    }

    public func markFailed(_ claim: ClaimedWebhook, status: Int?, error: String, nextAttemptAt: Date) {
        update(claim) {
            $0.nextAttemptAt = nextAttemptAt
            $0.lastStatus = status
            $0.lastError = error
        }
    }

    public func giveUp(_ claim: ClaimedWebhook, status: Int?, error: String) {
        update(claim) {
            $0.givenUpAt = clock.now
            $0.nextAttemptAt = nil
            $0.lastStatus = status
            $0.lastError = error
        }
    }

    public func deliveries(endpoint: UUID?, limit: Int) -> [WebhookDelivery] {
        Array(queue.reversed().lazy.filter { endpoint == nil || $0.endpointID == endpoint }.prefix(max(0, limit)))
    }

    public func redeliver(_ id: UUID) -> Bool {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return false }
        queue[index].deliveredAt = nil
        queue[index].givenUpAt = nil
        queue[index].nextAttemptAt = clock.now
        return true
    }

    @discardableResult
    public func purge(finishedBefore cutoff: Date) -> Int {
        let before = queue.count
        queue.removeAll { delivery in
            guard let finished = delivery.deliveredAt ?? delivery.givenUpAt else { return false }
            return finished < cutoff && delivery.nextAttemptAt == nil
        }
        return before - queue.count
    }

    /// Applies `change` to the claim's delivery unless a later claim replaced it or it ended.
    private func update(_ claim: ClaimedWebhook, _ change: (inout WebhookDelivery) -> Void) {
        guard let index = queue.firstIndex(where: { $0.id == claim.delivery.id }),
              queue[index].attempts == claim.attempt, queue[index].nextAttemptAt != nil
        else { return }
        change(&queue[index])
    }
}
