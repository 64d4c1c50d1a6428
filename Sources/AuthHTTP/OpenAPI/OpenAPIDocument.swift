/// The OpenAPI 3.1 description of every route, served at `GET /api/v1/openapi.json`.
///
/// A test enumerates the router's routes and checks each one is described here, so the two cannot
/// drift apart silently.
public enum OpenAPIDocument {
    /// The document.
    public static let document: JSONValue = [
        "openapi": "3.1.0",
        "info": [
            "title": "authd",
            "version": "1.0.0",
            "description": "Authentication and session management. Errors are application/problem+json (RFC 9457) with the stable `error` code and a `message`; timestamps are RFC 3339 UTC with milliseconds.",
        ],
        "paths": .object(
            paths.merging(adminPaths) { a, _ in a }.merging(webhookPaths) { a, _ in a }.merging(openIDPaths) { a, _ in a }),
        "components": [
            "schemas": .object(
                schemas.merging(adminSchemas) { a, _ in a }.merging(passkeySchemas) { a, _ in a }
                    .merging(webhookSchemas) { a, _ in a }.merging(openIDSchemas) { a, _ in a }),
            "responses": .object(problemResponses),
            "securitySchemes": [
                "bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"],
                "basic": ["type": "http", "scheme": "basic", "description": "INTROSPECTION_CLIENTS, or an OpenID client's id and secret"],
            ],
        ],
    ]

    static let auth = "/api/v1/auth"

    static let paths: [String: JSONValue] = [
        "\(auth)/sign-up": ["post": op("Create an account and mail a verification code; 403 sign_up_denied when the before-sign-up hook denies it (docs/webhooks.md)", body: "Credentials", ok: (201, "Challenge"), errors: [400, 403, 413, 429, 503])],
        "\(auth)/verify-email": ["post": op("Redeem the sign-up code and start a session; a password sent with it is installed (send it with a resent code, which installs none by itself)", body: "EmailVerification", ok: (200, "Verified"), errors: [400, 413, 429, 503])],
        "\(auth)/resend/verification/email": ["post": op("Mail a fresh sign-up code (same answer for unknown addresses)", body: "EmailOnly", ok: (200, "Challenge"), errors: [400, 413, 429])],
        "\(auth)/sign-in/credentials": ["post": signInCredentials],
        "\(auth)/sign-in/mfa": ["post": op("Complete an MFA sign-in with one of the user's second factors (default: the mailed code)", body: "MFACompletion", ok: (200, "Token"), errors: [400, 413, 429])],
        "\(auth)/me": [
            "get": op("The current session and its user", ok: (200, "Me"), errors: [401], secured: true),
            "delete": op("Delete the account and everything tied to it (recent authentication); every token dies at once", ok: (200, "Success"), errors: [401, 403, 503], secured: true),
        ],
        "\(auth)/me/all": ["get": pagedBySessionCursor(op("The user's live sessions, most recently used first, a page at a time (100 unless `limit` says otherwise); the next page is in the `Link` header", ok: (200, "SessionList"), errors: [401], secured: true))],
        "\(auth)/token/refresh": ["post": op("Trade a refresh token for a new access token and the next refresh token; the session's expiry slides to SESSION_TTL from now (at most SESSION_MAX_LIFETIME after sign-in). The token just replaced answers with the same pair's refresh token for REFRESH_REUSE_INTERVAL (60 s); presented later, or any older token, ends the session (401 for every reason: unknown token, session over, reuse). 429 past the per-session or per-network refresh budget", body: "RefreshRequest", ok: (200, "Token"), errors: [400, 401, 413, 429, 503])],
        "\(auth)/logout": ["delete": op("End the current session (503 `unavailable`: ended, but not yet confirmed on every instance; it completes by itself)", ok: (200, "Success"), errors: [401, 503], secured: true)],
        "\(auth)/logout/all": ["delete": op("End every other session of the user; this one stays (503 as for `/logout`)", ok: (200, "Success"), errors: [401, 503], secured: true)],
        "\(auth)/enable/mfa": ["patch": op("Turn the mailed second factor on", ok: (200, "MFAState"), errors: [401], secured: true)],
        "\(auth)/disable/mfa": ["patch": op("Turn the mailed second factor off (recent authentication; mails a notice)", ok: (200, "MFAState"), errors: [401, 403], secured: true)],
        "\(auth)/reauthenticate": ["post": op("Prove the password, or a second factor (`totp`, `recovery_code`, `passkey` with `credential`), again: the session counts as recently authenticated for 10 minutes (`REAUTHENTICATION_WINDOW`); a second factor renews the second factor's time too, a password only the password's. 409 `method_unavailable` for a method the account does not have", body: "Reauthentication", ok: (200, "Success"), errors: [400, 401, 409, 413, 429], secured: true)],
        "\(auth)/mfa": ["get": op("The user's second factors and how many recovery codes are left", ok: (200, "SecondFactorStatus"), errors: [401], secured: true)],
        "\(auth)/mfa/totp": ["post": op("Start adding an authenticator app (recent authentication): its secret, `otpauth://` URI and QR code, shown once; confirm within 10 minutes", body: "TOTPEnrolmentRequest", optionalBody: true, ok: (200, "TOTPEnrolment"), errors: [400, 401, 403, 409, 413], secured: true)],
        "\(auth)/mfa/totp/confirm": ["post": op("Activate an authenticator app with a code from it; the first one of a user without recovery codes returns a set, shown once (mails a notice)", body: "TOTPConfirmation", ok: (200, "TOTPConfirmed"), errors: [400, 401, 413, 429], secured: true)],
        "\(auth)/mfa/totp/{id}": ["delete": op("Remove an authenticator app (recent authentication when confirmed; mails a notice)", ok: (200, "Success"), errors: [401, 403, 404], secured: true, path: ["id"])],
        "\(auth)/password": ["patch": op("Change the password with the current one; every other session ends; mails a notice", body: "PasswordChange", ok: (200, "Success"), errors: [400, 401, 413, 429], secured: true)],
        "\(auth)/email": ["post": op("Mail a code to a new address (recent authentication; a taken address gets a decoy challenge, no mail)", body: "EmailChange", ok: (200, "Challenge"), errors: [400, 401, 403, 413, 429], secured: true)],
        "\(auth)/email/confirm": ["post": op("Move the account to the address the code was mailed to; every other session ends; the old address is told", body: "CodeSubmission", ok: (200, "EmailChanged"), errors: [400, 401, 409, 413, 429], secured: true)],
        "\(auth)/me/export": ["get": op("The user's own data: profile, sessions, second factors (no secrets), linked accounts, audit events", ok: (200, "AccountExport"), errors: [401], secured: true)],
        "\(auth)/sign-in/email-code": ["post": op("Mail a sign-in code (a decoy challenge for unknown or unverified addresses: same answer, no mail)", body: "EmailOnly", ok: (200, "Challenge"), errors: [400, 413, 429])],
        "\(auth)/sign-in/email-code/verify": ["post": signInEmailCodeVerify],
        "\(auth)/mfa/recovery-codes": ["post": op("Replace the recovery codes with a new set of 10, shown once (recent authentication; mails a notice)", ok: (200, "RecoveryCodes"), errors: [401, 403], secured: true)],
        "\(auth)/reset/password": [
            "get": resetRequestByQuery,
            "post": op("Mail a password reset code (same answer for unknown addresses)", body: "EmailOnly", ok: (200, "Challenge"), errors: [400, 413, 429]),
            "patch": op("Set a new password with the mailed code; ends every session", body: "PasswordResetCompletion", ok: (200, "Success"), errors: [400, 413, 429]),
        ],
        "\(auth)/passkeys/register/options": ["post": op("Start adding a passkey (recent authentication, with a second factor when the account has one): `public_key` is the JSON for `PublicKeyCredential.parseCreationOptionsFromJSON()`", ok: (200, "PasskeyCreationOptions"), errors: [401, 403, 409], secured: true)],
        "\(auth)/passkeys/register": ["post": op("Finish adding a passkey with `PublicKeyCredential.toJSON()` of the new credential; the user's first second factor returns recovery codes, shown once (mails a notice)", body: "PasskeyRegistration", ok: (200, "PasskeyRegistered"), errors: [400, 401, 403, 409, 413, 429], secured: true)],
        "\(auth)/passkeys": ["get": op("The user's passkeys, oldest first", ok: (200, "PasskeyList"), errors: [401], secured: true)],
        "\(auth)/passkeys/{id}": [
            "patch": op("Rename a passkey", body: "PasskeyRename", ok: (200, "Passkey"), errors: [400, 401, 404, 413], secured: true, path: ["id"]),
            "delete": op("Remove a passkey (recent authentication, with a second factor when the account has one; mails a notice)", ok: (200, "Success"), errors: [401, 403, 404], secured: true, path: ["id"]),
        ],
        "\(auth)/sign-in/passkey/options": ["post": op("Options for a passkey sign-in: without `email` a discoverable credential (the browser offers the passkeys it holds); with one, that account's passkeys (a stable made-up one for an address without any, so the answer reveals nothing)", body: "PasskeySignInOptionsRequest", optionalBody: true, ok: (200, "PasskeyRequestOptions"), errors: [400, 413, 429])],
        "\(auth)/sign-in/passkey": ["post": signInPasskey],
        "\(auth)/sign-in/mfa/passkey/options": ["post": op("Options for answering an open MFA challenge (`token_id` of `mfa_required`) with a passkey; then POST /sign-in/mfa with `method: passkey` and `credential`; 409 `method_unavailable` when the account has no passkey", body: "PasskeySecondFactorOptionsRequest", ok: (200, "PasskeyRequestOptions"), errors: [400, 409, 413, 429])],
        "\(auth)/reauthenticate/passkey/options": ["post": op("Options for proving a passkey again; then POST /reauthenticate with `method: passkey` and `credential` (recent, `aal` 2); 409 `method_unavailable` when the account has no passkey", ok: (200, "PasskeyRequestOptions"), errors: [401, 409], secured: true)],
        "/healthz": ["get": op("The process is up", ok: (200, "Health"), errors: [])],
        "/readyz": ["get": op("Every required backing service answers", ok: (200, "Readiness"), errors: [503])],
        "/api/v1/openapi.json": ["get": op("This document", ok: (200, "OpenAPIDocument"), errors: [])],
        "/.well-known/jwks.json": ["get": jwks],
        "\(auth)/introspect": ["post": introspection],
        "\(auth)/sign-in/{provider}/web": ["get": oauthStart],
        "\(auth)/sign-in/{provider}/web/callback": ["post": oauthCallback],
        "\(auth)/oauth/accounts": ["get": op("The providers linked to the account (`provider` is the configured name, e.g. `google`, `github`, `apple`)", ok: (200, "LinkedAccounts"), errors: [401], secured: true)],
        "\(auth)/oauth/accounts/{provider}": ["delete": op("Unlink a provider (recent authentication, and a second factor when the user has an authenticator app; mails a notice); refused with 409 `last_sign_in_method` when the account has no password and no other provider", ok: (200, "Success"), errors: [401, 403, 404, 409], secured: true, path: ["provider"])],
    ]

    static var signInCredentials: JSONValue {
        withMFARequired(
            op("Sign in with email and password", body: "Credentials", ok: (200, "Token"), errors: [400, 403, 413, 429, 503]),
            "Wrong email or password (problem `invalid_credentials`), or the password was right and a second factor is required (`mfa_required`, the old service's body).")
    }

    /// `operation` with a 401 that is either the old service's `mfa_required` body or a problem.
    static func withMFARequired(_ operation: JSONValue, _ description: String) -> JSONValue {
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        responses["401"] = [
            "description": .string(description),
            "content": [
                "application/json": ["schema": ref("MFARequired")],
                "application/problem+json": ["schema": ref("Problem")],
            ],
        ]
        members["responses"] = .object(responses)
        return .object(members)
    }

    /// `GET /.well-known/jwks.json`: served as `application/jwk-set+json` (RFC 7517 section 8.5).
    static var jwks: JSONValue {
        var operation = op("The public keys session tokens (ES256/EdDSA; none with HS256) and OpenID ID tokens (RS256, or ES256/EdDSA) are signed with; `Cache-Control: public, max-age=300`, an `ETag`, 304 on `If-None-Match`", ok: (200, "JWKS"), errors: [])
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        responses["200"] = ["description": "Success", "content": ["application/jwk-set+json": ["schema": ref("JWKS")]]]
        responses["304"] = ["description": "Not modified (`If-None-Match` matched the `ETag`)"]
        members["responses"] = .object(responses)
        operation = .object(members)
        return operation
    }

    /// `POST /sign-in/passkey`: the session, or the `mfa_required` body.
    static var signInPasskey: JSONValue {
        op(
            "Sign in with a passkey assertion (`PublicKeyCredential.toJSON()`): the session is `aal` 2 (`amr` `[\"hwk\", \"mfa\"]`). The authenticator must verify its user (PIN or biometrics, the options ask `userVerification: required`): an assertion without it is refused with 400 `invalid_credential`, as is every failed check; a banned or unverified account gets 401 `invalid_credentials`",
            body: "PasskeySignIn", ok: (200, "Token"), errors: [400, 401, 413, 429])
    }

    /// `GET /reset/password?email=`: the old service's form. The address must be one the server
    /// accepts (RFC 5321 lengths), or the answer is 400 `invalid_request`; the JSON body form the
    /// old service also took is still read when there is no query, but is not described here.
    static var resetRequestByQuery: JSONValue {
        var operation = op("Mail a password reset code (old form; prefer POST)", ok: (200, "Challenge"), errors: [400, 413, 429])
        guard case .object(var members) = operation else { return operation }
        members["parameters"] = [[
            "name": "email", "in": "query", "required": true,
            "schema": ["type": "string", "format": "email", "minLength": 3, "maxLength": 254],
        ]]
        operation = .object(members)
        return operation
    }

    /// `POST /introspect` (RFC 7662): a form body and HTTP Basic, not JSON.
    static var introspection: JSONValue {
        var operation = op(
            "RFC 7662 introspection for services of INTROSPECTION_CLIENTS (HTTP Basic), and for confidential OpenID clients about their own access tokens (then with `client_id`, `aud` and `scope`): `active` false for any token that is expired, revoked, of a banned user or malformed",
            ok: (200, "Introspection"), errors: [400, 413])
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        members["requestBody"] = [
            "required": true,
            "content": ["application/x-www-form-urlencoded": ["schema": object(["token": string, "token_type_hint": string], required: ["token"])]],
        ]
        members["security"] = [["basic": []]]
        responses["401"] = [
            "description": "Unknown client or wrong secret (`{\"error\": \"invalid_client\"}`, `WWW-Authenticate: Basic`)",
            "content": ["application/json": ["schema": object(["error": ["const": "invalid_client"]])]],
        ]
        members["responses"] = .object(responses)
        operation = .object(members)
        return operation
    }

    /// `POST /sign-in/email-code/verify`: the session, or the `mfa_required` body.
    static var signInEmailCodeVerify: JSONValue {
        var operation = op("Sign in with the mailed code", body: "CodeSubmission", ok: (200, "Token"), errors: [400, 413, 429])
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        responses["401"] = [
            "description": "The account has a second factor other than the mailed code (`mfa_required`, the old service's body).",
            "content": ["application/json": ["schema": ref("MFARequired")]],
        ]
        members["responses"] = .object(responses)
        operation = .object(members)
        return operation
    }

    /// `GET /sign-in/{provider}/web`: only registered when a provider is configured (`OAUTH_PROVIDERS`
    /// or `GOOGLE_*`; `google` keeps the old service's paths).
    static var oauthStart: JSONValue {
        var operation = op(
            "Start a sign-in with a configured provider (`{provider}` is its name: `google`, `github`, `apple`, or any name given in OAUTH_PROVIDERS): 302 to the provider's consent screen", ok: (302, "Success"),
            errors: [400, 404, 429], query: ["redirect_uri", "state"])
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        responses["302"] = ["description": "Redirect to the provider (Location header)"]
        members["responses"] = .object(responses)
        members["parameters"] = .array(["provider", "redirect_uri", "state"].map { name in
            ["name": .string(name), "in": name == "provider" ? "path" : "query", "required": .bool(name != "state"), "schema": ["type": "string"]]
        })
        operation = .object(members)
        return operation
    }

    /// `POST /sign-in/{provider}/web/callback`: the session, or the old service's `mfa_required` body.
    static var oauthCallback: JSONValue {
        var operation = op(
            "Finish a sign-in with the provider's code: the app's JSON, or the provider's own `form_post` (Apple) straight to this route; `name` appears when Apple sent it (first authorisation only, unverified)",
            body: "OAuthCallback", ok: (200, "OAuthSignedIn"), errors: [400, 404, 413, 429, 503])
        guard case .object(var members) = operation, case .object(var responses) = members["responses"] else { return operation }
        members["requestBody"] = [
            "required": true,
            "content": [
                "application/json": ["schema": ref("OAuthCallback")],
                "application/x-www-form-urlencoded": ["schema": ref("OAuthCallbackForm")],
            ],
        ]
        responses["401"] = [
            "description": "The sign-in was refused (problem `oauth_failed`, deliberately generic), or a second factor is required (`mfa_required`, the old service's body).",
            "content": [
                "application/json": ["schema": ref("MFARequired")],
                "application/problem+json": ["schema": ref("Problem")],
            ],
        ]
        members["responses"] = .object(responses)
        members["parameters"] = [["name": "provider", "in": "path", "required": true, "schema": ["type": "string"]]]
        operation = .object(members)
        return operation
    }

    /// One operation: summary, optional JSON body, the success response and the problem statuses.
    static func op(
        _ summary: String, body: String? = nil, optionalBody: Bool = false, ok: (Int, String), errors: [Int],
        secured: Bool = false, query: [String] = [], path: [String] = []
    ) -> JSONValue {
        var responses: [String: JSONValue] = [
            String(ok.0): ["description": "Success", "content": ["application/json": ["schema": ref(ok.1)]]],
            "500": ["$ref": "#/components/responses/Problem500"],
        ]
        for status in errors { responses[String(status)] = ["$ref": .string("#/components/responses/Problem\(status)")] }
        var operation: [String: JSONValue] = ["summary": .string(summary), "responses": .object(responses)]
        if let body {
            operation["requestBody"] = ["required": .bool(!optionalBody), "content": ["application/json": ["schema": ref(body)]]]
        }
        if secured { operation["security"] = [["bearer": []]] }
        let parameters: [JSONValue] =
            query.map { ["name": .string($0), "in": "query", "required": false, "schema": ["type": "string"]] }
            + path.map { ["name": .string($0), "in": "path", "required": true, "schema": uuid] }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        return .object(operation)
    }

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
}
