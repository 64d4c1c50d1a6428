/// Every setting of `authd serve`, in the order the lists show them. `ConfigurationOptions` takes
/// its flags' help from here, and `authd --help`, the README's table and docs/configuration.md's
/// table are printed from it (`authd settings`; `scripts/settings-docs.sh` rewrites the documents),
/// so the four cannot drift apart.
extension Setting {
    static let all: [Setting] = [
        .host,
        .port,
        .databaseURL,
        .databasePoolSize,
        .databaseIdleTimeout,
        .databaseMaxLifetime,
        .databaseStatementTimeout,
        .redisURL,
        .smtpURL,
        .mailFrom,
        .mailLog,
        .jwtSecret,
        .encryptionKey,
        .jwtAlg,
        .jwtKeyRefresh,
        .introspectionClients,
        .sessionTTL,
        .accessTokenTTL,
        .sessionMaxLifetime,
        .refreshReuseInterval,
        .refreshRateLimit,
        .reauthenticationWindow,
        .rateLimit,
        .adminEmails,
        .publicURL,
        .trustedProxies,
        .geoIPDatabase,
        .googleClientID,
        .googleClientSecret,
        .googleIssuer,
        .oauthProviders,
        .oauthProviderClientID,
        .oauthProviderClientSecret,
        .oauthProviderIssuer,
        .oauthProviderKind,
        .oauthProviderScopes,
        .oauthProviderTeamID,
        .oauthProviderKeyID,
        .oauthProviderPrivateKeyFile,
        .oauthRedirectAllowlist,
        .webAuthnRPID,
        .webAuthnOrigins,
        .httpReadTimeout,
        .httpIdleTimeout,
        .httpRequestTimeout,
        .httpMaxConnections,
        .httpMaxConnectionsPerAddress,
        .shutdownGrace,
        .logLevel,
        .logFormat,
        .metricsPort,
        .hookBeforeSignUpURL,
        .hookCustomClaimsURL,
        .hookSecret,
        .hookTimeout,
        .webhookAllowPrivate,
        .webhookRetryInitial,
        .webhookRetryMax,
    ]

    static let host = Setting(
        "HOST", flag: "--host",
        summary: "Listen address.",
        details: "listen address",
        default: "`127.0.0.1`"
    )

    static let port = Setting(
        "PORT", flag: "--port",
        summary: "Listen port; 0 picks a free one.",
        details: "listen port, `0` for any free one (the log says which)",
        default: "`8080`"
    )

    static let databaseURL = Setting(
        "DATABASE_URL", flag: "--database-url",
        summary: "postgres:// URL of the database.",
        details: "`postgres://` or `postgresql://` URL, passed to libpq unchanged: every libpq parameter counts, and several hosts (`postgres://u@a:5432,b:5432/auth?target_session_attrs=read-write`) make the pool follow a failover to the new primary (docs/operations.md, \"Failover\")",
        default: "in-memory stores"
    )

    static let databasePoolSize = Setting(
        "DATABASE_POOL_SIZE", flag: "--database-pool-size",
        summary: "The most PostgreSQL connections open at once.",
        details: "the most PostgreSQL connections open at once (callers beyond it wait up to 5 s, then 503)",
        default: "`10`"
    )

    static let databaseIdleTimeout = Setting(
        "DATABASE_IDLE_TIMEOUT", flag: "--database-idle-timeout",
        summary: "A pooled PostgreSQL connection idle this long is closed: seconds or 30s/5m.",
        details: "a pooled connection idle this long is closed, so the server's connection count shrinks back after a burst",
        default: "`5m`"
    )

    static let databaseMaxLifetime = Setting(
        "DATABASE_MAX_LIFETIME", flag: "--database-max-lifetime",
        summary: "A PostgreSQL connection this old is replaced instead of reused.",
        details: "a connection this old is replaced instead of reused (connections follow a DNS or load-balancer change; server memory is returned)",
        default: "`30m`"
    )

    static let databaseStatementTimeout = Setting(
        "DATABASE_STATEMENT_TIMEOUT", flag: "--database-statement-timeout",
        summary: "statement_timeout of every pooled connection; a slower statement fails with 503. A DATABASE_URL that sets statement_timeout in options wins.",
        details: "`statement_timeout` of every pooled connection: a slower statement is cancelled and the request answered 503; a `DATABASE_URL` that sets `statement_timeout` in `options` keeps its own; migrations are exempt",
        default: "`10s`"
    )

    static let redisURL = Setting(
        "REDIS_URL", flag: "--redis-url",
        summary: "redis:// or rediss:// URL.",
        details: "`redis://` or `rediss://` URL",
        default: "in-memory cache and limiter"
    )

    static let smtpURL = Setting(
        "SMTP_URL", flag: "--smtp-url",
        summary: "smtp:// (STARTTLS) or smtps:// URL with user and password.",
        details: "`smtp://` (STARTTLS) or `smtps://` URL with user and password",
        default: "mail written to the log"
    )

    static let mailFrom = Setting(
        "MAIL_FROM", flag: "--mail-from",
        summary: "Sender address of mail.",
        details: "sender address",
        default: ""
    )

    static let mailLog = Setting(
        "MAIL_LOG", flag: "--mail-log",
        summary: "insecure: allow mail (with its codes) to be written to the log while DATABASE_URL is set; development only.",
        details: "`insecure`: allow mail (and its live codes) in the log while `DATABASE_URL` is set; development only",
        default: "refused: with `DATABASE_URL` and no `SMTP_URL`, start-up stops"
    )

    static let jwtSecret = Setting(
        "JWT_SECRET", flag: "--jwt-secret",
        summary: "HS256 secret, at least 32 bytes; required with a database. Prefer the environment: flags show in ps.",
        details: "HS256 secret, at least 32 bytes; required with `DATABASE_URL`",
        default: "random per process"
    )

    static let encryptionKey = Setting(
        "ENCRYPTION_KEY", flag: "--encryption-key",
        summary: "Key (at least 32 bytes) that authenticator-app secrets are encrypted under at rest; keep it with the database's backups: without it every stored authenticator is useless.",
        details: "key (at least 32 bytes) that secrets at rest are sealed under: authenticator-app (TOTP) secrets and ES256/EdDSA private keys (AES-256-GCM, HKDF-derived per purpose, each bound to its row), and recovery codes are hashed under",
        default: "derived from `JWT_SECRET`"
    )

    static let jwtAlg = Setting(
        "JWT_ALG", flag: "--jwt-alg",
        summary: "Token signature: HS256 (the shared JWT_SECRET), or ES256 / EdDSA with keys in the store, published at /.well-known/jwks.json and rotated with `authd keys rotate`.",
        details: "`HS256` (the shared secret), `ES256` or `EdDSA` (keys in the store, `/.well-known/jwks.json`, `authd keys`; see [tokens.md](tokens.md))",
        default: "`HS256`"
    )

    static let jwtKeyRefresh = Setting(
        "JWT_KEY_REFRESH", flag: "--jwt-key-refresh",
        summary: "How soon a key rotation or retirement done through another instance or `authd keys` is picked up: seconds, or 30s / 5m.",
        details: "how soon a key rotation or retirement made elsewhere is picked up",
        default: "`30s`"
    )

    static let introspectionClients = Setting(
        "INTROSPECTION_CLIENTS", flag: "--introspection-clients",
        summary: "Services allowed to call POST /api/v1/auth/introspect with HTTP Basic: id:secret,id2:secret2, secrets of at least 16 characters. Prefer the environment.",
        details: "`id:secret,…` allowed to call `POST /api/v1/auth/introspect` (secrets ≥ 16 characters)",
        default: "none"
    )

    static let sessionTTL = Setting(
        "SESSION_TTL", flag: "--session-ttl",
        summary: "Session lifetime without use: its expiry at sign-in, and what each refresh slides it to; seconds, or 7d / 12h / 30m.",
        details: "session lifetime without use: a session expires this long after its sign-in or its last refresh (sliding); seconds (`604800`) or `7d`, `12h`, `30m`, `45s`",
        default: "`7d`"
    )

    static let accessTokenTTL = Setting(
        "ACCESS_TOKEN_TTL", flag: "--access-token-ttl",
        summary: "Access-token lifetime; 5m to 15m suits services that verify tokens offline (clients renew with their refresh token).",
        details: "how long an access token lives; clients renew it with their refresh token (docs/tokens.md, \"Refresh tokens\"). `5m` to `15m` suits deployments whose other services verify tokens offline",
        default: "the session's lifetime (the seed's behaviour)"
    )

    static let sessionMaxLifetime = Setting(
        "SESSION_MAX_LIFETIME", flag: "--session-max-lifetime",
        summary: "The longest a session lives however often it is refreshed: seconds, or 90d.",
        details: "the longest a session lives however often it is refreshed; at least `SESSION_TTL`",
        default: "`90d` (or `SESSION_TTL` when longer)"
    )

    static let refreshReuseInterval = Setting(
        "REFRESH_REUSE_INTERVAL", flag: "--refresh-reuse-interval",
        summary: "How long a refresh token just replaced still answers with the same successor (lost answers, retries, tabs racing); later, it ends the session as reuse.",
        details: "how long a refresh token just replaced still answers with the same successor (a lost answer, a retry, tabs racing); presented later, it ends the session as reuse. At most `10m`",
        default: "`60s`"
    )

    static let refreshRateLimit = Setting(
        "REFRESH_RATE_LIMIT", flag: "--refresh-rate-limit",
        summary: "Refreshes per session, N/<window>; each network gets ten times as many for all its sessions.",
        details: "refreshes per session, `N/<window>`; each network (IPv4 address, IPv6 /64) gets ten times as many for all its sessions; refusals are 429",
        default: "`60/60s`"
    )

    static let reauthenticationWindow = Setting(
        "REAUTHENTICATION_WINDOW", flag: "--reauthentication-window",
        summary: "How long a sign-in or reauthentication counts as recent for changes that weaken an account's protection (each factor keeps its own time): seconds, or 10m.",
        details: "how long a sign-in or `POST /reauthenticate` counts as recent for changes that weaken protection; the password and the second factor each keep their own time (docs/api.md, \"Recent authentication\")",
        default: "`10m`"
    )

    static let rateLimit = Setting(
        "RATE_LIMIT", flag: "--rate-limit",
        summary: "Per-IP limit on sensitive routes, N/<window> such as 10/60s.",
        details: "per-IP limit on sensitive routes: `N/<window>`, e.g. `10/60s`, `100/1h`",
        default: "`10/60s`"
    )

    static let adminEmails = Setting(
        "ADMIN_EMAILS", flag: "--admin-emails",
        summary: "Comma-separated addresses whose accounts are admins once verified (the dashboard at /admin/ and /api/v1/admin; they also need a second factor).",
        details: "comma-separated addresses whose accounts hold the admin role once verified (beside those given it by `authd admin grant`); an admin also needs a second factor to use `/admin/` and `/api/v1/admin` ([admin.md](admin.md))",
        default: "none"
    )

    static let publicURL = Setting(
        "PUBLIC_URL", flag: "--public-url",
        summary: "The URL browsers reach authd at, e.g. https://auth.example.com: the pages check form origins against it, https makes their cookies __Host- and Secure, and it is the OpenID issuer.",
        details: "the URL browsers reach authd at (`https://…`; `http://` only on localhost): forms on `/ui/` and `/admin/` are accepted only from its origin, `https` makes the page cookies `__Host-…; Secure`, and it is the OpenID issuer (`iss`, docs/oidc.md)",
        default: "`http://localhost:PORT` and `http://127.0.0.1:PORT`"
    )

    static let trustedProxies = Setting(
        "TRUSTED_PROXIES", flag: "--trusted-proxies",
        summary: "Comma-separated CIDRs whose Forwarded (RFC 7239) or X-Forwarded-For is believed.",
        details: "comma-separated IPv4/IPv6 CIDRs or addresses whose RFC 7239 `Forwarded` (`for=`; it wins when both are sent) or `X-Forwarded-For` is believed, read from the right skipping trusted hops",
        default: "none"
    )

    static let geoIPDatabase = Setting(
        "GEOIP_DB", flag: "--geoip-db",
        summary: "Path of a MaxMind-format City database.",
        details: "path of a MaxMind-format City database",
        default: "empty locations"
    )

    static let googleClientID = Setting(
        "GOOGLE_CLIENT_ID", flag: "--google-client-id",
        summary: "Google OAuth client id.",
        details: "Google OAuth client (set both or neither)",
        default: "Google sign-in off"
    )

    static let googleClientSecret = Setting(
        "GOOGLE_CLIENT_SECRET", flag: "--google-client-secret",
        summary: "Google OAuth client secret.",
        details: "Google OAuth client (set both or neither)",
        default: "Google sign-in off"
    )

    static let googleIssuer = Setting(
        "GOOGLE_ISSUER", flag: "--google-issuer",
        summary: "OpenID issuer used for discovery; http:// only on loopback.",
        details: "OpenID issuer (`https://`; `http://` only on a loopback host)",
        default: "`https://accounts.google.com`"
    )

    static let oauthProviders = Setting(
        "OAUTH_PROVIDERS", flag: "--oauth-providers",
        summary: "More OAuth providers by name, e.g. github,apple,okta; each reads OAUTH_<NAME>_CLIENT_ID, OAUTH_<NAME>_CLIENT_SECRET, OAUTH_<NAME>_ISSUER (OpenID discovery; http:// only on loopback), OAUTH_<NAME>_KIND (google, github, apple or oidc; default: the name if it is one, else oidc), OAUTH_<NAME>_SCOPES; Apple: OAUTH_<NAME>_TEAM_ID, OAUTH_<NAME>_KEY_ID, OAUTH_<NAME>_PRIVATE_KEY_FILE instead of a secret. Provider settings come from the environment only.",
        details: "more providers by name, comma-separated (`github,apple,okta`); each is configured by the `OAUTH_<NAME>_…` variables below (the name upper-cased, `-` as `_`)",
        default: "none"
    )

    static let oauthProviderClientID = Setting(
        "OAUTH_<NAME>_CLIENT_ID", flag: nil,
        summary: "the provider's OAuth client id.",
        details: "the provider's OAuth client id",
        default: "required"
    )

    static let oauthProviderClientSecret = Setting(
        "OAUTH_<NAME>_CLIENT_SECRET", flag: nil,
        summary: "the provider's OAuth client secret; not for Apple, whose secret is signed.",
        details: "the provider's OAuth client secret; not for Apple, whose secret is signed",
        default: "required except for `apple`"
    )

    static let oauthProviderIssuer = Setting(
        "OAUTH_<NAME>_ISSUER", flag: nil,
        summary: "OpenID issuer used for discovery (oidc: required; google, apple: their own by default; github: a GitHub Enterprise Server base URL); https://, http:// only on localhost/127.x/::1.",
        details: "OpenID issuer used for discovery (`oidc`: required; `google`, `apple`: their own by default; `github`: a GitHub Enterprise Server base URL); `https://`, `http://` only on `localhost`/`127.x`/`::1`",
        default: "the kind's"
    )

    static let oauthProviderKind = Setting(
        "OAUTH_<NAME>_KIND", flag: nil,
        summary: "google, github, apple or oidc.",
        details: "`google`, `github`, `apple` or `oidc`",
        default: "the name when it is a kind, else `oidc`"
    )

    static let oauthProviderScopes = Setting(
        "OAUTH_<NAME>_SCOPES", flag: nil,
        summary: "scopes instead of the kind's defaults (space or comma separated).",
        details: "scopes instead of the kind's defaults (space or comma separated)",
        default: "the kind's"
    )

    static let oauthProviderTeamID = Setting(
        "OAUTH_<NAME>_TEAM_ID", flag: nil,
        summary: "Apple: the team id (the client secret's iss).",
        details: "Apple: the team id (the client secret's `iss`)",
        default: "required for `apple`"
    )

    static let oauthProviderKeyID = Setting(
        "OAUTH_<NAME>_KEY_ID", flag: nil,
        summary: "Apple: the id of the key the client secret is signed with (its kid).",
        details: "Apple: the id of the key the client secret is signed with (its `kid`)",
        default: "required for `apple`"
    )

    static let oauthProviderPrivateKeyFile = Setting(
        "OAUTH_<NAME>_PRIVATE_KEY_FILE", flag: nil,
        summary: "Apple: path of that key's .p8 file (PKCS#8 PEM, P-256).",
        details: "Apple: path of that key's `.p8` file (PKCS#8 PEM, P-256)",
        default: "required for `apple`"
    )

    static let oauthRedirectAllowlist = Setting(
        "OAUTH_REDIRECT_ALLOWLIST", flag: "--oauth-redirect-allowlist",
        summary: "Comma-separated allowed redirect_uri values or prefixes.",
        details: "comma-separated allowed `redirect_uri` values or prefixes; required when any provider is configured; for the sign-in page's provider buttons include `PUBLIC_URL/ui/oauth/<name>/callback` for each provider (or `PUBLIC_URL/ui/oauth/*`)",
        default: "none"
    )

    static let webAuthnRPID = Setting(
        "WEBAUTHN_RP_ID", flag: "--webauthn-rp-id",
        summary: "Passkey relying party id: the site's registrable domain (example.com) or localhost; passkeys are bound to it.",
        details: "passkey relying party id: the registrable domain passkeys are bound to (`example.com`), or `localhost`; changing it later orphans every registered passkey (see [passkeys.md](passkeys.md))",
        default: "`localhost`, or `PUBLIC_URL`'s host when neither passkey setting is given"
    )

    static let webAuthnOrigins = Setting(
        "WEBAUTHN_ORIGINS", flag: "--webauthn-origins",
        summary: "Comma-separated origins allowed to use passkeys, each the RP ID or a subdomain of it, https (http only on localhost).",
        details: "comma-separated origins allowed to use passkeys (`https://example.com,https://login.example.com`): each host must be the RP ID or a subdomain of it; `https://` only, `http://` only on `localhost`",
        default: "`PUBLIC_URL`'s origin when neither passkey setting is given, else `http://localhost:8080` (with only `WEBAUTHN_RP_ID` set: `https://<rp id>`)"
    )

    static let httpReadTimeout = Setting(
        "HTTP_READ_TIMEOUT", flag: "--http-read-timeout",
        summary: "How long a client may take to send a request head, or between parts of its body, before it is answered 408 and disconnected: seconds or 30s/1m.",
        details: "how long a client may take to send a request head (from the connection opening, or the request's first bytes), and then its whole body (from the head: a body dripped a byte at a time gets no extension); then `408` and the connection is closed",
        default: "`10s`"
    )

    static let httpIdleTimeout = Setting(
        "HTTP_IDLE_TIMEOUT", flag: "--http-idle-timeout",
        summary: "How long a keep-alive connection may sit idle between requests before it is closed.",
        details: "how long a keep-alive connection may sit idle between requests before it is closed",
        default: "`60s`"
    )

    static let httpRequestTimeout = Setting(
        "HTTP_REQUEST_TIMEOUT", flag: "--http-request-timeout",
        summary: "How long handlers may work on one request before it is answered 503.",
        details: "how long handlers may work on one request (a hung database or Redis call); then `503 unavailable` with `Retry-After`, and the connection is closed",
        default: "`30s`"
    )

    static let httpMaxConnections = Setting(
        "HTTP_MAX_CONNECTIONS", flag: "--http-max-connections",
        summary: "The most client connections served at once; more wait until one closes.",
        details: "client connections served at once; more wait in the listen backlog until one closes",
        default: "the open-file limit less a reserve (see below), at most 16384"
    )

    static let httpMaxConnectionsPerAddress = Setting(
        "HTTP_MAX_CONNECTIONS_PER_ADDRESS", flag: "--http-max-connections-per-address",
        summary: "The most connections one client address (an IPv6 /64) may hold at once; more are closed as they open. Trusted proxies are exempt.",
        details: "the most connections one client address (an IPv6 /64) may hold; more are closed as they open, so one address cannot take every place. Trusted proxies (`TRUSTED_PROXIES`) are exempt",
        default: "half of `HTTP_MAX_CONNECTIONS`"
    )

    static let shutdownGrace = Setting(
        "SHUTDOWN_GRACE", flag: "--shutdown-grace",
        summary: "On SIGTERM, how long in-flight requests may take to finish before the remaining connections are closed.",
        details: "on SIGTERM, how long in-flight requests may take before the connections left are closed; mail deliveries under way are cut at the same deadline (counted from the signal) and their mail is due again at once",
        default: "`10s`"
    )

    static let logLevel = Setting(
        "LOG_LEVEL", flag: "--log-level",
        summary: "trace, debug, info, notice, warning, error or critical.",
        details: "`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`",
        default: "`info`"
    )

    static let logFormat = Setting(
        "LOG_FORMAT", flag: "--log-format",
        summary: "text, or json: one JSON object per line with the request id on every line of a request.",
        details: "`text`, or `json`: one JSON object per line (`ts`, `level`, `logger`, `message`, `source` and the metadata, `request_id` on every line a request writes); see [operations](operations.md)",
        default: "`text`"
    )

    static let metricsPort = Setting(
        "METRICS_PORT", flag: "--metrics-port",
        summary: "Port of a second listener, on HOST, serving Prometheus metrics at GET /metrics; 0 picks a free one.",
        details: "port of a second listener on `HOST` serving Prometheus metrics at `GET /metrics`; `0` picks a free one; keep it unreachable from clients",
        default: "off"
    )

    static let hookBeforeSignUpURL = Setting(
        "HOOK_BEFORE_SIGN_UP_URL", flag: "--hook-before-sign-up-url",
        summary: "URL authd POSTs each new sign-up to before the account is created; it answers {\\\"decision\\\": \\\"allow\\\"} or {\\\"decision\\\": \\\"deny\\\", \\\"message\\\": …} (403 sign_up_denied). Unreachable or a bad answer refuses the sign-up with 503.",
        details: "URL asked, by a signed POST, whether each new account may be created ([webhooks](webhooks.md#http-hooks)); a deny is 403 `sign_up_denied` with the hook's message; unreachable, late or a bad answer: the sign-up is refused with 503",
        default: "none: every sign-up allowed"
    )

    static let hookCustomClaimsURL = Setting(
        "HOOK_CUSTOM_CLAIMS_URL", flag: "--hook-custom-claims-url",
        summary: "URL authd POSTs each new session to; its {\\\"claims\\\": {…}} are added to the access token (reserved claims such as sub, sid, aal, exp are dropped). Unreachable or a bad answer refuses the sign-in with 503.",
        details: "URL asked, by a signed POST, for claims to add to each new session's access token; reserved claims (`sub`, `sid`, `aal`, `exp`, `iat`, `amr`, `auth_time`, `iss`, `aud` …) are dropped; unreachable, late or a bad answer: the sign-in is refused with 503",
        default: "none"
    )

    static let hookSecret = Setting(
        "HOOK_SECRET", flag: "--hook-secret",
        summary: "whsec_ secret the hook requests are signed with (Standard Webhooks); required with a hook URL.",
        details: "the `whsec_…` secret both hooks' requests are signed with (Standard Webhooks headers); required with a hook URL",
        default: ""
    )

    static let hookTimeout = Setting(
        "HOOK_TIMEOUT", flag: "--hook-timeout",
        summary: "How long a hook may take to answer: seconds, or 2s.",
        details: "how long a hook may take to answer",
        default: "`5s`"
    )

    static let webhookAllowPrivate = Setting(
        "WEBHOOK_ALLOW_PRIVATE", flag: "--webhook-allow-private",
        summary: "1: allow webhook targets on loopback and private addresses (development).",
        details: "`1`: allow webhook targets on loopback and private addresses (development; refused otherwise, when added and again at each delivery)",
        default: "`0`"
    )

    static let webhookRetryInitial = Setting(
        "WEBHOOK_RETRY_INITIAL", flag: "--webhook-retry-initial",
        summary: "Wait before the first retry of a failed webhook delivery; it doubles after each failure.",
        details: "wait before the first retry of a failed webhook delivery; it doubles after each failure",
        default: "`5s`"
    )

    static let webhookRetryMax = Setting(
        "WEBHOOK_RETRY_MAX", flag: "--webhook-retry-max",
        summary: "Longest wait between two attempts at a webhook delivery; deliveries are tried for a day.",
        details: "the longest wait between two attempts; a delivery is tried for a day, then given up",
        default: "`1h`"
    )
}
