/// The admin API (docs/admin.md): bearer only, for users with the admin role whose session
/// signed in with a second factor; everyone else gets 403 on every route.
extension OpenAPIDocument {
    static let admin = "/api/v1/admin"
    static let adminErrors = [401, 403]

    static let adminPaths: [String: JSONValue] = [
        "\(admin)/users": ["get": op("Users whose address starts with `query`, in address order, 50 a page; pass `next_cursor` back as `cursor`", ok: (200, "AdminUserList"), errors: adminErrors + [400], secured: true, query: ["query", "cursor"])],
        "\(admin)/users/{id}": ["get": op("One user: profile (with `is_admin`), second factors (no secrets), linked providers", ok: (200, "AdminUserDetail"), errors: adminErrors + [404], secured: true, path: ["id"])],
        "\(admin)/users/{id}/sessions": ["get": pagedBySessionCursor(op("The user's live sessions (as `/me/all`), most recently used first, a page at a time; pass `next_cursor` back as `cursor`", ok: (200, "AdminSessionList"), errors: adminErrors + [404], secured: true, path: ["id"]))],
        "\(admin)/sessions/{id}": ["delete": op("End one session; its token is refused from the next request on (audited with the admin as actor)", ok: (200, "Success"), errors: adminErrors + [404, 503], secured: true, path: ["id"])],
        "\(admin)/users/{id}/sessions/revoke": ["post": op("End every session of the user (the admin's own current one stays)", ok: (200, "Revoked"), errors: adminErrors + [404, 503], secured: true, path: ["id"])],
        "\(admin)/users/{id}/ban": ["post": op("Ban the user: every session ends at once, sign-ins are refused (not oneself: 409)", ok: (200, "Success"), errors: adminErrors + [404, 409, 503], secured: true, path: ["id"])],
        "\(admin)/users/{id}/unban": ["post": op("Lift a ban", ok: (200, "Success"), errors: adminErrors + [404], secured: true, path: ["id"])],
        "\(admin)/users/{id}/reset-mfa": ["post": op("Remove every second factor of the user (authenticator apps, recovery codes, mailed code); mails a notice (not oneself: 409)", ok: (200, "Success"), errors: adminErrors + [404, 409], secured: true, path: ["id"])],
        "\(admin)/users/{id}/resend-verification": ["post": op("Mail the user a fresh verification code (409 when already verified)", ok: (200, "Success"), errors: adminErrors + [404, 409, 429], secured: true, path: ["id"])],
        "\(admin)/audit": ["get": op("The audit log, newest first, 50 a page; filters: `user` (id), `type` (event type), `since` (RFC 3339)", ok: (200, "AdminAuditLog"), errors: adminErrors + [400], secured: true, query: ["user", "type", "since", "cursor"])],
        "\(admin)/stats": ["get": op("Counts: users, verified users, live sessions, sign-ins and failures in the last 24 hours, the mail outbox (`null` without one)", ok: (200, "AdminStats"), errors: adminErrors, secured: true)],
    ]

    static let adminUserFields: [String: JSONValue] = [
        "id": uuid, "email": string, "is_email_verified": ["type": "boolean"], "banned": ["type": "boolean"],
        "mfa_enabled": ["type": "boolean"], "created_at": timestamp,
    ]
    static let nullableCursor: JSONValue = ["type": ["string", "null"], "description": "opaque; `null` on the last page"]

    static let adminSchemas: [String: JSONValue] = [
        "AdminUserList": object(["users": ["type": "array", "items": object(adminUserFields)], "next_cursor": nullableCursor]),
        "AdminUserDetail": object([
            "user": object(adminUserFields.merging(["is_admin": ["type": "boolean"], "recovery_codes_left": ["type": "integer"]]) { a, _ in a }),
            "factors": ["type": "array", "items": object(["type": string, "id": nullableString, "name": nullableString, "created_at": nullableTimestamp, "last_used_at": nullableTimestamp])],
            "oauth_accounts": ["type": "array", "items": object(["provider": string, "email": string, "created_at": timestamp])],
        ]),
        "AdminSessionList": object(["sessions": ref("SessionList"), "next_cursor": nullableCursor]),
        "Revoked": object(["success": ["const": true], "revoked": ["type": "integer"]]),
        "AdminAuditLog": object([
            "events": ["type": "array", "items": object([
                "id": uuid, "type": string, "user_id": ["type": ["string", "null"], "format": "uuid"],
                "actor_id": ["type": ["string", "null"], "format": "uuid", "description": "the admin behind an admin action; `null` when the user acted"],
                "email": nullableString, "ip": string, "client": string, "location": string, "detail": nullableString, "at": timestamp,
            ])],
            "next_cursor": nullableCursor,
        ]),
        "AdminStats": object([
            "users": ["type": "integer"], "verified_users": ["type": "integer"], "live_sessions": ["type": "integer"],
            "sign_ins_24h": ["type": "integer"], "sign_in_failures_24h": ["type": "integer"],
            "outbox": ["type": ["object", "null"], "properties": ["pending": ["type": "integer"], "given_up": ["type": "integer"]]],
        ]),
    ]
}
