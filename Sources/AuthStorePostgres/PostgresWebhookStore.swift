import AuthCore
import Foundation

/// A ``WebhookStore`` over the `webhook_endpoints` and `webhook_deliveries` tables: deliveries
/// survive restarts, and every instance's worker shares them.
///
/// Claims work as the mail outbox's do (docs/postgres.md, "The mail outbox"): a materialized CTE
/// picks and locks due rows with `FOR UPDATE SKIP LOCKED`, the `UPDATE` leases exactly those by
/// moving `next_attempt_at` to the lease's end, and `attempts` fences stale outcomes. Signing
/// secrets are sealed (``SecretBox``) under the encryption key, bound to their endpoint's id.
public struct PostgresWebhookStore: WebhookStore {
    private let pool: PostgresConnectionPool
    private let secrets: SecretBox
    private let clock: any WallClock

    /// Creates the store over `pool` (the schema must be migrated).
    /// - Parameter encryptionKey: the key secrets at rest are sealed under (`ENCRYPTION_KEY`, else
    ///   `JWT_SECRET`); every instance and `authd webhooks` need the same.
    public init(pool: PostgresConnectionPool, encryptionKey: [UInt8], clock: any WallClock = SystemClock()) throws {
        self.pool = pool
        self.secrets = try SecretBox(secret: encryptionKey, purpose: "webhook-secret")
        self.clock = clock
    }

    public func addEndpoint(_ endpoint: WebhookEndpoint) async throws {
        let sealed = try secrets.seal(Array(endpoint.secret.utf8), boundTo: endpoint.id.uuidString)
        try await pool.query("""
            INSERT INTO webhook_endpoints (id, url, events, secret, created_at) VALUES (\(.uuid(endpoint.id)), \
            \(.text(endpoint.url)), \(.text(endpoint.events.map(\.rawValue).joined(separator: ","))), \
            \(.bytea(sealed)), \(.timestamp(endpoint.createdAt)))
            """)
    }

    public func endpoints() async throws -> [WebhookEndpoint] {
        try await pool.query("SELECT id, url, events, secret, created_at FROM webhook_endpoints ORDER BY created_at, id")
            .rows.map { row in
                let id = try row.uuid("id")
                let events = try row.string("events").split(separator: ",").map { AuthEvent.EventType(rawValue: String($0)) }
                return WebhookEndpoint(
                    id: id, url: try row.string("url"), events: events, secret: try open(try row.bytes("secret"), id: id),
                    createdAt: try row.date("created_at"))
            }
    }

    public func removeEndpoint(_ id: UUID) async throws -> Bool {
        try await pool.query("DELETE FROM webhook_endpoints WHERE id = \(.uuid(id)) RETURNING id").rows.count == 1
    }

    public func enqueue(_ event: AuthEvent, payload: [UInt8]) async throws -> Int {
        let now = clock.now
        // One statement for every subscribed endpoint: nothing to read first, nothing to race.
        let insert: PostgresQuery = """
            INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, created_at, next_attempt_at) \
            SELECT gen_random_uuid(), e.id, \(.uuid(event.id)), \(.text(event.type.rawValue)), \(.bytea(payload)), \
            \(.timestamp(now)), \(.timestamp(now)) FROM webhook_endpoints e \
            WHERE e.events = '' OR \(.text(event.type.rawValue)) = ANY (string_to_array(e.events, ',')) \
            ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id
            """
        return try await pool.query(insert.prepared(as: "webhook_enqueue")).rows.count
    }

    static let deliveryColumns = """
        d.id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.created_at, d.attempts, d.next_attempt_at, \
        d.last_status::text AS last_status, d.last_error, d.delivered_at, d.given_up_at
        """

    public func claim(limit: Int, lease: Duration) async throws -> [ClaimedWebhook] {
        let now = clock.now
        let leasedUntil = now.addingTimeInterval(lease.timeInterval)
        let claim: PostgresQuery = """
            WITH due AS MATERIALIZED (\
            SELECT id, next_attempt_at AS due_at FROM webhook_deliveries \
            WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= \(.timestamp(now)) \
            ORDER BY next_attempt_at, created_at LIMIT \(.int(max(0, limit))) FOR UPDATE SKIP LOCKED), \
            leased AS (UPDATE webhook_deliveries d SET attempts = d.attempts + 1, \
            next_attempt_at = \(.timestamp(leasedUntil)) FROM due WHERE d.id = due.id RETURNING d.*, due.due_at) \
            SELECT \(unsafeSQL: Self.deliveryColumns), d.due_at, e.url, e.secret \
            FROM leased d JOIN webhook_endpoints e ON e.id = d.endpoint_id
            """
        let rows = try await pool.query(claim.prepared(as: "webhook_claim")).rows
        return try rows
            .map { row in (try row.date("due_at"), try row.date("created_at"), row) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map { _, _, row in
                let delivery = try Self.delivery(row)
                return ClaimedWebhook(
                    delivery: delivery, url: try row.string("url"),
                    secret: try open(try row.bytes("secret"), id: delivery.endpointID), attempt: delivery.attempts)
            }
    }

    public func markDelivered(_ claim: ClaimedWebhook, status: Int) async throws {
        try await pool.query("""
            UPDATE webhook_deliveries SET next_attempt_at = NULL, delivered_at = \(.timestamp(clock.now)), \
            last_status = \(.int(status)), last_error = NULL \
            WHERE id = \(.uuid(claim.delivery.id)) AND attempts = \(.int(claim.attempt)) AND next_attempt_at IS NOT NULL
            """)
    }

    public func markFailed(_ claim: ClaimedWebhook, status: Int?, error: String, nextAttemptAt: Date) async throws {
        try await pool.query("""
            UPDATE webhook_deliveries SET next_attempt_at = \(.timestamp(nextAttemptAt)), \
            last_status = \(.int(status)), last_error = \(.text(error)) \
            WHERE id = \(.uuid(claim.delivery.id)) AND attempts = \(.int(claim.attempt)) AND next_attempt_at IS NOT NULL
            """)
    }

    public func giveUp(_ claim: ClaimedWebhook, status: Int?, error: String) async throws {
        try await pool.query("""
            UPDATE webhook_deliveries SET next_attempt_at = NULL, given_up_at = \(.timestamp(clock.now)), \
            last_status = \(.int(status)), last_error = \(.text(error)) \
            WHERE id = \(.uuid(claim.delivery.id)) AND attempts = \(.int(claim.attempt)) AND next_attempt_at IS NOT NULL
            """)
    }

    public func deliveries(endpoint: UUID?, limit: Int) async throws -> [WebhookDelivery] {
        try await pool.query("""
            SELECT \(unsafeSQL: Self.deliveryColumns) FROM webhook_deliveries d \
            WHERE \(.uuid(endpoint))::uuid IS NULL OR d.endpoint_id = \(.uuid(endpoint)) \
            ORDER BY d.created_at DESC, d.id LIMIT \(.int(max(0, limit)))
            """).rows.map(Self.delivery)
    }

    public func redeliver(_ id: UUID) async throws -> Bool {
        try await pool.query("""
            UPDATE webhook_deliveries SET next_attempt_at = \(.timestamp(clock.now)), delivered_at = NULL, \
            given_up_at = NULL WHERE id = \(.uuid(id)) RETURNING id
            """).rows.count == 1
    }

    public func purge(finishedBefore cutoff: Date) async throws -> Int {
        try await pool.query("""
            DELETE FROM webhook_deliveries WHERE next_attempt_at IS NULL \
            AND coalesce(delivered_at, given_up_at) < \(.timestamp(cutoff)) RETURNING id
            """).rows.count
    }

    static func delivery(_ row: PostgresRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.uuid("id"), endpointID: try row.uuid("endpoint_id"), eventID: try row.uuid("event_id"),
            eventType: AuthEvent.EventType(rawValue: try row.string("event_type")), payload: try row.bytes("payload"),
            createdAt: try row.date("created_at"), attempts: try row.int("attempts"),
            nextAttemptAt: try row.optionalDate("next_attempt_at"),
            lastStatus: try row.optionalString("last_status").flatMap { Int($0) },
            lastError: try row.optionalString("last_error"), deliveredAt: try row.optionalDate("delivered_at"),
            givenUpAt: try row.optionalDate("given_up_at"))
    }

    private func open(_ sealed: [UInt8], id: UUID) throws -> String {
        String(decoding: try secrets.open(sealed, boundTo: id.uuidString), as: UTF8.self)
    }
}
