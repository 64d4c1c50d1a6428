/// Webhook endpoints and the durable queue of their deliveries (docs/webhooks.md):
/// - `webhook_endpoints`: the target, the subscribed event types (comma-separated, empty for
///   every type) and the signing secret sealed under the encryption key.
/// - `webhook_deliveries`: one row per event and endpoint, with its attempts; `next_attempt_at`
///   is NULL once it was delivered or given up. Kept after delivery, for the dashboard.
enum Migration0010_Webhooks {
    static let migration = PostgresMigration(version: 10, name: "webhooks", sql: #"""
        CREATE TABLE webhook_endpoints (
            id uuid PRIMARY KEY,
            url text NOT NULL,
            events text NOT NULL DEFAULT '',
            secret bytea NOT NULL,
            created_at timestamptz NOT NULL
        );
        CREATE TABLE webhook_deliveries (
            id uuid PRIMARY KEY,
            endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
            event_id uuid NOT NULL,
            event_type text NOT NULL,
            payload bytea NOT NULL,
            created_at timestamptz NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz,
            last_status integer,
            last_error text,
            delivered_at timestamptz,
            given_up_at timestamptz,
            UNIQUE (endpoint_id, event_id)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, created_at)
            WHERE next_attempt_at IS NOT NULL;
        CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (created_at DESC);
        """#)
}
