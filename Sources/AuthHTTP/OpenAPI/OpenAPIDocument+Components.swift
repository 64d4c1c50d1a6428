import AuthCore

extension OpenAPIDocument {
    static func object(_ properties: [String: JSONValue], required: [String]? = nil) -> JSONValue {
        ["type": "object", "properties": .object(properties), "required": .array((required ?? properties.keys.sorted()).map { .string($0) })]
    }

    static let string: JSONValue = ["type": "string"]
    static let refreshToken: JSONValue = [
        "type": "string",
        "description": "trade it at POST /api/v1/auth/token/refresh for the next pair before `token` expires; a secret as strong as the session (docs/tokens.md)",
    ]
    static let expiresIn: JSONValue = ["type": "integer", "minimum": 0, "description": "seconds `token` lives (ACCESS_TOKEN_TTL, else the session's life)"]
    /// An address the server accepts: RFC 5321 limits (254 in all, 64 before the `@`).
    static let emailAddress: JSONValue = ["type": "string", "format": "email", "minLength": 3, "maxLength": 254]
    /// A passkey's name as the server takes it: 1 to 64 characters after trimming blanks, no
    /// control characters.
    static let passkeyName: JSONValue = [
        "type": "string", "minLength": 1, "maxLength": 64,
        "pattern": #"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$"#,
    ]
    static let timestamp: JSONValue = ["type": "string", "format": "date-time", "description": "RFC 3339 UTC with milliseconds"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]

    static let sessionFields: [String: JSONValue] = [
        "id": uuid, "expires_at": timestamp, "client": string, "ip": string, "parsed_location": string,
        "created_at": timestamp, "last_used_at": timestamp,
        "amr": ["type": "array", "items": ["type": "string"], "description": "how the session signed in: `pwd`, `fed`, `email`, `otp`, `rc`, `hwk` (a passkey), and `mfa` when two factors were proven"],
        "aal": ["type": "integer", "enum": [1, 2], "description": "2 when a second factor was proven at sign-in"],
    ]
    static let nullableString: JSONValue = ["type": ["string", "null"]]
    static let nullableTimestamp: JSONValue = ["type": ["string", "null"], "format": "date-time"]
    static let recoveryCodeList: JSONValue = [
        "type": "array", "items": ["type": "string", "pattern": "^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$"],
        "minItems": 10, "maxItems": 10,
    ]

    static let schemas: [String: JSONValue] = [
        "Credentials": object(["email": emailAddress, "password": ["type": "string", "minLength": 8, "maxLength": 128]]),
        "EmailOnly": object(["email": emailAddress]),
        "CodeSubmission": object(["token_id": uuid, "code": ["type": "string", "pattern": "^[0-9]{6}$"]]),
        "PasswordResetCompletion": object(["token_id": uuid, "code": ["type": "string", "pattern": "^[0-9]{6}$"], "password": ["type": "string", "minLength": 8, "maxLength": 128]]),
        "EmailVerification": object(
            [
                "token_id": uuid, "code": ["type": "string", "pattern": "^[0-9]{6}$"],
                "password": [
                    "type": "string", "minLength": 8, "maxLength": 128,
                    "description": "installed as the account's password; send the one signed up with when the code came from a resend, which installs none by itself",
                ],
            ], required: ["token_id", "code"]),
        "Verified": object([
            "token": ["type": "string", "description": "HS256 JWT; send as `Authorization: Bearer <token>`"],
            "refresh_token": refreshToken, "expires_in": expiresIn,
            "password_set": ["type": "boolean", "description": "false when the account has no password (a resent code redeemed without one): ask the owner to set one (reset flow) or sign in by mailed code"],
        ]),
        "Challenge": object(["verification_id": uuid, "expires_at": timestamp]),
        "Token": object([
            "token": ["type": "string", "description": "HS256 JWT; send as `Authorization: Bearer <token>`"],
            "refresh_token": refreshToken, "expires_in": expiresIn,
        ]),
        "RefreshRequest": object(["refresh_token": ["type": "string", "minLength": 1, "description": "the refresh token of the latest answer"]]),
        "MFARequired": object([
            "error": ["const": "mfa_required"], "verification_id": uuid, "expires_at": timestamp,
            "message": ["const": "Login blocked. Multi-factor authentication required."],
            "methods": ["type": "array", "items": string, "description": "the user's methods, e.g. `[\"totp\", \"recovery_code\", \"email\"]`; the code is mailed only when `email` is one"],
        ]),
        "Me": object([
            "session": object(sessionFields),
            "user": object([
                "id": uuid, "email": string, "is_email_verified": ["type": "boolean"],
                "image_url": ["type": ["string", "null"]], "mfa_enabled": ["type": "boolean"],
            ]),
        ]),
        "SessionList": ["type": "array", "items": object(sessionFields.merging(["primary": ["type": "boolean"]]) { a, _ in a })],
        "Success": object(["success": ["const": true]]),
        "MFAState": object(["mfa_enabled": ["type": "boolean"]]),
        "OAuthCallback": object(
            ["code": string, "state": string, "redirect_uri": string, "error": string], required: ["state", "redirect_uri"]),
        "OAuthCallbackForm": object(
            ["code": string, "state": string, "error": string, "id_token": string,
             "user": ["type": "string", "description": "Apple, first authorisation only: JSON with the person's name"]],
            required: ["state"]),
        "OAuthSignedIn": object([
            "success": ["const": true], "state": string, "token": string,
            "refresh_token": refreshToken, "expires_in": expiresIn,
            "name": object(["first_name": string, "last_name": string]),
        ], required: ["success", "state", "token", "refresh_token", "expires_in"]),
        "LinkedAccounts": object([
            "accounts": ["type": "array", "items": object(["provider": string, "email": string, "created_at": string])],
        ]),
        "Health": object(["status": string]),
        "Reauthentication": [
            "oneOf": [
                object(["password": ["type": "string", "minLength": 1, "maxLength": 1024]]),
                object(["method": ["type": "string", "enum": ["totp", "recovery_code"]], "code": ["type": "string", "minLength": 1, "maxLength": 64]]),
                object(["method": ["const": "passkey"], "credential": ref("AuthenticationResponseJSON")], required: ["credential"]),
            ],
        ],
        "PasswordChange": object([
            "current_password": ["type": "string", "minLength": 1, "maxLength": 1024],
            "new_password": ["type": "string", "minLength": 8, "maxLength": 128],
        ]),
        "EmailChange": object(["new_email": emailAddress]),
        "EmailChanged": object(["success": ["const": true], "email": string]),
        "AccountExport": object([
            "profile": ["type": "object", "description": "the `/me` user fields, `created_at` and `has_password`"],
            "sessions": ["type": "array", "items": object(sessionFields)],
            "second_factors": ref("SecondFactorStatus"),
            "linked_accounts": [
                "type": "array",
                "items": object(["provider": string, "subject": string, "email": string, "created_at": timestamp]),
            ],
            "events": [
                "type": "array",
                "items": object([
                    "kind": string, "at": timestamp, "ip": string, "client": string, "location": string,
                    "detail": nullableString,
                ]),
            ],
        ]),
        "JWKS": object(["keys": [
            "type": "array",
            // EC and OKP keys (`crv`, `x`, `y`) sign session tokens and ID tokens; RSA keys (`n`,
            // `e`) sign OpenID ID tokens (RS256).
            "items": object([
                "kty": ["type": "string", "enum": ["EC", "OKP", "RSA"]], "crv": ["type": "string", "enum": ["P-256", "Ed25519"]],
                "x": string, "y": string, "n": string, "e": string, "kid": string,
                "alg": ["type": "string", "enum": ["ES256", "EdDSA", "RS256"]], "use": ["const": "sig"],
            ], required: ["kty", "kid", "alg", "use"]),
        ]]),
        "Introspection": object([
            "active": ["type": "boolean"], "sub": uuid, "sid": uuid, "exp": ["type": "integer"], "iat": ["type": "integer"],
            "aal": ["type": "integer", "enum": [1, 2]], "amr": ["type": "array", "items": string],
            "token_type": ["const": "Bearer"], "client_id": string, "aud": string, "scope": string,
        ], required: ["active"]),
        "TOTPEnrolmentRequest": object(
            // null or "" is taken as absent (the default name); control characters are refused.
            ["name": ["type": ["string", "null"], "maxLength": 64, "pattern": "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"]],
            required: []),
        "TOTPEnrolment": object([
            "id": uuid, "secret": ["type": "string", "description": "base32, for typing into the app"],
            "otpauth_uri": ["type": "string", "description": "`otpauth://totp/…`, for scanning"],
            "qr_svg": ["type": "string", "description": "the URI as a QR code, a standalone SVG image"],
            "expires_at": timestamp,
        ]),
        "TOTPConfirmation": object(["id": uuid, "code": ["type": "string", "pattern": "^[0-9]{6}$"]]),
        "TOTPConfirmed": object(
            ["mfa_enabled": ["const": true], "recovery_codes": recoveryCodeList], required: ["mfa_enabled"]),
        "RecoveryCodes": object(["recovery_codes": recoveryCodeList]),
        "SecondFactorStatus": object([
            "mfa_enabled": ["type": "boolean"],
            "methods": [
                "type": "array",
                "items": object([
                    "type": ["type": "string", "enum": ["totp", "email", "passkey"]], "id": nullableString,
                    "name": nullableString, "created_at": nullableTimestamp, "last_used_at": nullableTimestamp,
                ]),
            ],
            "recovery_codes_left": ["type": "integer", "minimum": 0],
        ]),
        "Readiness": object([
            "status": ["const": "ready"],
            "degraded": ["type": "array", "items": string, "description": "optional dependencies that did not answer (e.g. `redis`)"],
        ]),
        // `code` or `credential`, never both nor neither: two shapes, exactly one of which matches.
        "MFACompletion": [
            "oneOf": [
                object(
                    ["token_id": uuid, "code": ["type": "string", "minLength": 1, "maxLength": 64],
                     "method": ["type": "string", "pattern": "^[a-z_]{1,32}$", "description": "one of the user's methods; default `email`, or the only one"]],
                    required: ["token_id", "code"]),
                object(
                    ["token_id": uuid, "method": ["const": "passkey"], "credential": ref("AuthenticationResponseJSON")],
                    required: ["token_id", "credential"]),
            ],
        ],
        "OpenAPIDocument": ["type": "object"],
        "Problem": object(
            [
                "type": string, "title": string, "status": ["type": "integer"], "detail": string, "message": string,
                "error": [
                    "type": "string",
                    // Every code AuthCore throws, and the HTTP layer's own 405: one list, so a new
                    // code cannot be missing here.
                    "enum": .array((AuthError.Code.known.map(\.rawValue) + ["method_not_allowed"]).map(JSONValue.string)),
                ],
            ]),
    ]

    static let base64url: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9_-]*$", "description": "base64url without padding"]
    static let descriptorList: JSONValue = [
        "type": "array",
        "items": object(["type": ["const": "public-key"], "id": base64url, "transports": ["type": "array", "items": string]], required: ["type", "id"]),
    ]

    /// The passkey schemas: WebAuthn Level 3's JSON forms (camelCase, as browsers name them).
    static let passkeySchemas: [String: JSONValue] = [
        "PasskeyCreationOptions": object([
            "challenge_id": ["type": "string", "description": "send back to POST /passkeys/register; single use, 5 minutes"],
            "public_key": object([
                "rp": object(["id": string, "name": string]),
                "user": object(["id": base64url, "name": string, "displayName": string]),
                "challenge": base64url,
                "pubKeyCredParams": ["type": "array", "items": object(["type": ["const": "public-key"], "alg": ["type": "integer", "enum": [-7, -8, -257]]])],
                "timeout": ["type": "integer"],
                "excludeCredentials": descriptorList,
                "authenticatorSelection": object(["residentKey": string, "requireResidentKey": ["type": "boolean"], "userVerification": string]),
                "attestation": ["const": "none"],
                "extensions": object(["credProps": ["type": "boolean"]]),
            ], required: ["rp", "user", "challenge", "pubKeyCredParams", "timeout", "excludeCredentials", "authenticatorSelection", "attestation"]),
        ]),
        "PasskeyRequestOptions": object([
            "challenge_id": ["type": "string", "description": "send back with the assertion; single use, 5 minutes"],
            "public_key": object([
                "challenge": base64url, "timeout": ["type": "integer"], "rpId": string, "allowCredentials": descriptorList,
                "userVerification": string,
            ]),
        ]),
        "RegistrationResponseJSON": object([
            "id": base64url, "rawId": base64url, "type": ["const": "public-key"],
            "response": object([
                "clientDataJSON": base64url, "attestationObject": base64url, "transports": ["type": "array", "items": string],
            ], required: ["clientDataJSON", "attestationObject"]),
            "authenticatorAttachment": string,
        ], required: ["id", "rawId", "type", "response"]),
        "AuthenticationResponseJSON": object([
            "id": base64url, "rawId": base64url, "type": ["const": "public-key"],
            "response": object([
                "clientDataJSON": base64url, "authenticatorData": base64url, "signature": base64url,
                "userHandle": base64url,
            ], required: ["clientDataJSON", "authenticatorData", "signature"]),
            "authenticatorAttachment": string,
        ], required: ["id", "rawId", "type", "response"]),
        "PasskeyRegistration": object(
            ["challenge_id": string, "credential": ref("RegistrationResponseJSON"), "name": passkeyName],
            required: ["challenge_id", "credential"]),
        "PasskeyRegistered": object(
            ["id": uuid, "name": string, "created_at": timestamp, "recovery_codes": recoveryCodeList],
            required: ["id", "name", "created_at"]),
        "Passkey": object([
            "id": uuid, "name": string, "created_at": timestamp, "last_used_at": nullableTimestamp,
            "backed_up": ["type": "boolean", "description": "synced between devices at its last use"],
            "transports": ["type": "array", "items": string],
        ]),
        "PasskeyList": object(["passkeys": ["type": "array", "items": ref("Passkey")]]),
        "PasskeyRename": object(["name": passkeyName]),
        "PasskeySignInOptionsRequest": object(["email": ["type": ["string", "null"], "format": "email", "minLength": 3, "maxLength": 254]], required: []),
        "PasskeySignIn": object(["challenge_id": string, "credential": ref("AuthenticationResponseJSON")]),
        "PasskeySecondFactorOptionsRequest": object(["token_id": uuid]),
    ]

    static let problemStatuses: [Int: String] = [
        400: "`invalid_request` (malformed JSON, wrong or missing fields, non-JSON Content-Type), `invalid_code`, `code_expired` or `too_many_attempts`; `invalid_credential`: a passkey response that is malformed (bad base64url, JSON or CBOR) or fails a WebAuthn check (challenge, origin, RP ID, flags, algorithm, signature, user handle, signature counter)",
        401: "`unauthorized`: missing, malformed, forged, expired or revoked token (always the same body)",
        403: "`email_not_verified`, or `reauthentication_required` (the change weakens protection and the session did not sign in or reauthenticate in the last 10 minutes); on admin routes `forbidden` (no admin role) or `second_factor_required` (the session did not sign in with a second factor)",
        404: "`not_found`: no such OAuth provider is configured, no such linked provider, no such authenticator, no such passkey, or (admin) no such user or live session",
        409: "`conflict`: (admin) banning or resetting the second factors of oneself or of the last other admin who can use the dashboard, resending to a verified address; the account already holds the most authenticators or passkeys allowed (pending enrolments count), the passkey is already registered, or someone took the new address first; `last_sign_in_method`: unlinking would leave the account no way to sign in; `method_unavailable`: the account has no such second factor (a passkey ceremony without passkeys, reauthenticating with a method that is not the user's)",
        413: "`payload_too_large`: the body is over 64 KiB",
        429: "`rate_limited`; carries Retry-After, and RateLimit-Limit/-Remaining/-Reset when the per-network route limit refused (AuthCore's per-account and per-address limits carry Retry-After only)",
        500: "`internal`",
        503: "`overloaded` or `unavailable`; carries Retry-After",
    ]

    static var problemResponses: [String: JSONValue] {
        var responses: [String: JSONValue] = [:]
        for (status, description) in problemStatuses {
            responses["Problem\(status)"] = [
                "description": .string(description),
                "content": ["application/problem+json": ["schema": ref("Problem")]],
            ]
        }
        return responses
    }
}
