import Foundation

/// The webhook endpoints and the durable queue of their deliveries (the transactional-outbox
/// pattern of ``MailOutbox``, docs/webhooks.md).
///
/// Semantics every adapter shares (``WebhookStoreContract`` checks them):
/// - ``enqueue(_:payload:)`` queues one delivery per endpoint subscribed to the event's type, due
///   at once; queueing the same event again adds nothing.
/// - A claim leases each delivery until `now + lease` and counts one attempt; no other claim
///   returns it before then. A lease that ends without an outcome makes the delivery due again.
/// - `markFailed` makes it due at `nextAttemptAt`; `giveUp` and `markDelivered` end it. All three
///   are ignored for a stale claim (a later claim of the delivery exists).
/// - ``redeliver(_:)`` makes a delivered or given-up delivery due again at once.
public protocol WebhookStore: Sendable {
    /// Stores `endpoint`.
    func addEndpoint(_ endpoint: WebhookEndpoint) async throws
    /// Every endpoint, oldest first.
    func endpoints() async throws -> [WebhookEndpoint]
    /// Removes an endpoint and its deliveries; `false` when there was none.
    func removeEndpoint(_ id: UUID) async throws -> Bool
    /// Queues `event`, whose body is `payload`, for each subscribed endpoint.
    /// - Returns: how many deliveries were queued.
    @discardableResult
    func enqueue(_ event: AuthEvent, payload: [UInt8]) async throws -> Int
    /// Claims up to `limit` due deliveries, oldest first, leasing each for `lease`.
    func claim(limit: Int, lease: Duration) async throws -> [ClaimedWebhook]
    /// Records a 2xx answer.
    func markDelivered(_ claim: ClaimedWebhook, status: Int) async throws
    /// Records a failed attempt; due again at `nextAttemptAt`.
    /// - Parameter error: a short reason for operators, without secrets.
    func markFailed(_ claim: ClaimedWebhook, status: Int?, error: String, nextAttemptAt: Date) async throws
    /// Records that the delivery was abandoned.
    func giveUp(_ claim: ClaimedWebhook, status: Int?, error: String) async throws
    /// The newest deliveries, of one endpoint or all, newest first.
    func deliveries(endpoint: UUID?, limit: Int) async throws -> [WebhookDelivery]
    /// Makes delivery `id` due again at once; `false` when there is none.
    func redeliver(_ id: UUID) async throws -> Bool
    /// Deletes the deliveries delivered or given up before `cutoff` (pending ones stay).
    /// - Returns: how many were deleted.
    @discardableResult
    func purge(finishedBefore cutoff: Date) async throws -> Int
}
