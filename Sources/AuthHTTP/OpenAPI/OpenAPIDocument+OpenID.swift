/// authd as an OpenID Provider (docs/oidc.md): discovery, the token, userinfo and revocation
/// endpoints, and the admin API's clients. The browser's endpoints (`/oauth2/authorize`,
/// `/oauth2/logout`) are pages and are described in docs/oidc.md.
extension OpenAPIDocument {
    /// A form-body operation of RFC 6749 (the token and revocation endpoints).
    static func formOperation(_ summary: String, fields: [String: JSONValue], required: [String], ok: (Int, String?), errors: [Int]) -> JSONValue {
        var responses: [String: JSONValue] = ["500": ["$ref": "#/components/responses/Problem500"]]
        if let schema = ok.1 {
            responses[String(ok.0)] = ["description": "Success", "content": ["application/json": ["schema": ref(schema)]]]
        } else {
            responses[String(ok.0)] = ["description": "Success (an empty body)"]
        }
        for status in errors { responses[String(status)] = ["$ref": .string("#/components/responses/Problem\(status)")] }
        // Unknown fields are ignored, but each field is one named string: a repeated field is
        // refused (RFC 6749 section 3.2).
        let schema: JSONValue = [
            "type": "object", "properties": .object(fields), "required": .array(required.map { .string($0) }),
            "additionalProperties": string, "propertyNames": ["minLength": 1],
        ]
        return [
            "summary": .string(summary),
            "requestBody": ["required": true, "content": ["application/x-www-form-urlencoded": ["schema": schema]]],
            "security": [["basic": []], [:]],
            "responses": .object(responses),
        ]
    }

    static let openIDPaths: [String: JSONValue] = [
        "/.well-known/openid-configuration": ["get": op("OpenID Connect discovery: the issuer (`PUBLIC_URL`), the endpoints, RS256/ES256/EdDSA ID tokens, the code flow with PKCE S256", ok: (200, "OpenIDConfiguration"), errors: [])],
        "/oauth2/token": ["post": formOperation(
            "The token endpoint: `authorization_code` (with `code_verifier` for PKCE) or `refresh_token` (rotated as the API's). Clients authenticate with HTTP Basic, `client_id` + `client_secret` in the form, or `client_id` alone (public). Errors carry the RFC 6749 code in `error`: `invalid_grant`, `invalid_client` (401), `unsupported_grant_type`, `invalid_request`",
            fields: [
                "grant_type": ["type": "string", "enum": ["authorization_code", "refresh_token"]], "code": string, "redirect_uri": string,
                "code_verifier": string, "refresh_token": string, "client_id": string, "client_secret": string,
            ],
            required: ["grant_type"], ok: (200, "OpenIDTokens"), errors: [400, 401, 413, 429])],
        "/oauth2/userinfo": [
            "get": op("The user's claims the access token's scopes allow (`email`, `profile`); 401 with `WWW-Authenticate: Bearer error=\"invalid_token\"` once the grant or its authd session ended", ok: (200, "UserInfo"), errors: [401, 429], secured: true),
            "post": op("As GET; the token may also come as `access_token` in a form body", ok: (200, "UserInfo"), errors: [401, 413, 429], secured: true),
        ],
        "/oauth2/revoke": ["post": formOperation(
            "RFC 7009: revokes the grant behind a refresh token or access token of the client (its refresh fails, introspection says inactive); 200 for any token",
            fields: ["token": string, "token_type_hint": string, "client_id": string, "client_secret": string],
            required: ["token"], ok: (200, nil), errors: [400, 401, 413, 429])],
        "\(admin)/clients": [
            "get": op("The OpenID clients (secrets are never listed)", ok: (200, "OpenIDClientList"), errors: adminErrors, secured: true),
            "post": op("Register a client; answers its `client_secret` this once (none for a public client)", body: "OpenIDClientRequest", ok: (201, "OpenIDClient"), errors: adminErrors + [400, 413], secured: true),
        ],
        "\(admin)/clients/{id}": ["delete": op("Remove a client: its tokens stop working at once", ok: (200, "Success"), errors: adminErrors + [404], secured: true, path: ["id"])],
        "\(admin)/clients/{id}/secret": ["post": op("A new secret for a confidential client, answered this once; the old one stops working", ok: (200, "OpenIDClient"), errors: adminErrors + [404], secured: true, path: ["id"])],
    ]

    static let openIDClientFields: [String: JSONValue] = [
        "client_id": string, "name": string, "redirect_uris": ["type": "array", "items": string],
        "post_logout_redirect_uris": ["type": "array", "items": string], "public": ["type": "boolean"],
        "first_party": ["type": "boolean"], "id_token_signed_response_alg": ["type": "string", "enum": ["RS256", "ES256", "EdDSA"]],
        "created_at": timestamp,
    ]

    static let openIDSchemas: [String: JSONValue] = [
        "OpenIDConfiguration": object([
            "issuer": string, "authorization_endpoint": string, "token_endpoint": string, "userinfo_endpoint": string,
            "revocation_endpoint": string, "end_session_endpoint": string, "introspection_endpoint": string, "jwks_uri": string,
            "id_token_signing_alg_values_supported": ["type": "array", "items": string],
            "code_challenge_methods_supported": ["type": "array", "items": string],
        ], required: ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"]),
        "OpenIDTokens": object([
            "access_token": string, "token_type": ["const": "Bearer"], "expires_in": ["type": "integer"], "id_token": string,
            "refresh_token": ["type": "string", "description": "with the `offline_access` scope"], "scope": string,
        ], required: ["access_token", "token_type", "expires_in", "id_token", "scope"]),
        "UserInfo": object([
            "sub": string, "email": string, "email_verified": ["type": "boolean"], "preferred_username": string,
            "updated_at": ["type": "integer"],
        ], required: ["sub"]),
        "OpenIDClientRequest": object([
            "name": string, "redirect_uris": ["type": "array", "items": string],
            "post_logout_redirect_uris": ["type": "array", "items": string], "public": ["type": "boolean"],
            "first_party": ["type": "boolean"], "id_token_signed_response_alg": ["type": "string", "enum": ["RS256", "ES256", "EdDSA"]],
        ], required: ["name", "redirect_uris"]),
        "OpenIDClient": object(openIDClientFields.merging(["client_secret": ["type": "string", "description": "shown only here"]]) { a, _ in a }),
        "OpenIDClientList": object(["clients": ["type": "array", "items": object(openIDClientFields)]]),
    ]
}
