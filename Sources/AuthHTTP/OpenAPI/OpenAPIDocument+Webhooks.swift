/// The webhook part of the admin API (docs/webhooks.md, ``WebhookAdminFeature``).
extension OpenAPIDocument {
    static let webhookPaths: [String: JSONValue] = [
        "\(admin)/webhooks": [
            "get": op("The webhook endpoints (secrets are never listed)", ok: (200, "WebhookEndpointList"), errors: adminErrors, secured: true),
            "post": op("Add an endpoint; answers its `whsec_` signing secret, this once. A loopback or private target is 400 unless `WEBHOOK_ALLOW_PRIVATE=1`", body: "WebhookEndpointRequest", ok: (201, "WebhookEndpoint"), errors: adminErrors + [400, 413], secured: true),
        ],
        "\(admin)/webhooks/{id}": ["delete": op("Remove an endpoint and its deliveries", ok: (200, "Success"), errors: adminErrors + [404], secured: true, path: ["id"])],
        "\(admin)/webhooks/deliveries": ["get": op("The newest deliveries (of one endpoint with `endpoint`), with their attempts; `limit` up to 500 (100)", ok: (200, "WebhookDeliveryList"), errors: adminErrors + [400], secured: true, query: ["endpoint", "limit"])],
        "\(admin)/webhooks/deliveries/{id}/redeliver": ["post": op("Make a delivery due again at once, under the same `webhook-id`", ok: (200, "Success"), errors: adminErrors + [404], secured: true, path: ["id"])],
    ]

    static let webhookEndpointFields: [String: JSONValue] = [
        "id": uuid, "url": string, "events": ["type": "array", "items": string, "description": "event types; `[\"*\"]`: every type"],
        "created_at": timestamp,
    ]

    static let webhookSchemas: [String: JSONValue] = [
        "WebhookEndpointRequest": object(["url": string, "events": ["type": "array", "items": string]], required: ["url"]),
        "WebhookEndpoint": object(webhookEndpointFields.merging(["secret": ["type": "string", "description": "`whsec_…`, shown only here"]]) { a, _ in a }),
        "WebhookEndpointList": object(["endpoints": ["type": "array", "items": object(webhookEndpointFields)]]),
        "WebhookDeliveryList": object(["deliveries": ["type": "array", "items": object([
            "id": uuid, "endpoint_id": uuid, "webhook_id": string, "event_type": string,
            "state": ["type": "string", "enum": ["pending", "delivered", "given_up"]], "attempts": ["type": "integer"],
            "created_at": timestamp, "next_attempt_at": nullableTimestamp, "delivered_at": nullableTimestamp,
            "given_up_at": nullableTimestamp, "last_status": ["type": ["integer", "null"]], "last_error": nullableString,
        ])]]),
    ]
}
