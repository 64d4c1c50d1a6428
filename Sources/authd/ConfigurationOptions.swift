import ArgumentParser

/// The settings of docs/configuration.md, each a flag and an environment variable (the flag wins).
/// Values are taken as text and validated by ``ServerConfiguration`` so that every bad value gets
/// the same one-line error and exit code 2.
struct ConfigurationOptions: ParsableArguments {
    @Option(help: "Listen address. (env: HOST, default: 127.0.0.1)")
    var host: String?

    @Option(help: "Listen port; 0 picks a free one. (env: PORT, default: 8080)")
    var port: String?

    @Option(help: "postgres:// URL of the database. (env: DATABASE_URL, default: in-memory stores)")
    var databaseURL: String?

    @Option(help: "The most PostgreSQL connections open at once. (env: DATABASE_POOL_SIZE, default: 10)")
    var databasePoolSize: String?

    @Option(help: "A pooled PostgreSQL connection idle this long is closed: seconds or 30s/5m. (env: DATABASE_IDLE_TIMEOUT, default: 5m)")
    var databaseIdleTimeout: String?

    @Option(help: "A PostgreSQL connection this old is replaced instead of reused. (env: DATABASE_MAX_LIFETIME, default: 30m)")
    var databaseMaxLifetime: String?

    @Option(help: "statement_timeout of every pooled connection; a slower statement fails with 503. A DATABASE_URL that sets statement_timeout in options wins. (env: DATABASE_STATEMENT_TIMEOUT, default: 10s)")
    var databaseStatementTimeout: String?

    @Option(help: "redis:// or rediss:// URL. (env: REDIS_URL, default: in-memory cache and limiter)")
    var redisURL: String?

    @Option(help: "smtp:// (STARTTLS) or smtps:// URL with user and password. (env: SMTP_URL, default: mail is written to the log)")
    var smtpURL: String?

    @Option(help: "Sender address of mail. (env: MAIL_FROM)")
    var mailFrom: String?

    @Flag(help: "Serve a database whose schema is newer than this authd knows (after a rollback).")
    var allowNewerSchema = false

    @Option(help: "insecure: allow mail (with its codes) to be written to the log while DATABASE_URL is set; development only. (env: MAIL_LOG, default: refused)")
    var mailLog: String?

    @Option(help: "HS256 secret, at least 32 bytes; required with a database. Prefer the environment: flags show in ps. (env: JWT_SECRET, default: ephemeral random secret)")
    var jwtSecret: String?

    @Option(help: "Key (at least 32 bytes) that authenticator-app secrets are encrypted under at rest; keep it with the database's backups: without it every stored authenticator is useless. (env: ENCRYPTION_KEY, default: derived from JWT_SECRET)")
    var encryptionKey: String?

    @Option(help: "Token signature: HS256 (the shared JWT_SECRET), or ES256 / EdDSA with keys in the store, published at /.well-known/jwks.json and rotated with `authd keys rotate`. (env: JWT_ALG, default: HS256)")
    var jwtAlg: String?

    @Option(help: "How soon a key rotation or retirement done through another instance or `authd keys` is picked up: seconds, or 30s / 5m. (env: JWT_KEY_REFRESH, default: 30s)")
    var jwtKeyRefresh: String?

    @Option(help: "Services allowed to call POST /api/v1/auth/introspect with HTTP Basic: id:secret,id2:secret2, secrets of at least 16 characters. Prefer the environment. (env: INTROSPECTION_CLIENTS, default: none)")
    var introspectionClients: String?

    @Option(help: "Session lifetime without use: its expiry at sign-in, and what each refresh slides it to; seconds, or 7d / 12h / 30m. (env: SESSION_TTL, default: 7d)")
    var sessionTTL: String?

    @Option(help: "Access-token lifetime; 5m to 15m suits services that verify tokens offline (clients renew with their refresh token). (env: ACCESS_TOKEN_TTL, default: the session's lifetime, as the seed)")
    var accessTokenTTL: String?

    @Option(help: "The longest a session lives however often it is refreshed: seconds, or 90d. (env: SESSION_MAX_LIFETIME, default: 90d)")
    var sessionMaxLifetime: String?

    @Option(help: "How long a refresh token just replaced still answers with the same successor (lost answers, retries, tabs racing); later, it ends the session as reuse. (env: REFRESH_REUSE_INTERVAL, default: 60s)")
    var refreshReuseInterval: String?

    @Option(help: "Refreshes per session, N/<window>; each network gets ten times as many for all its sessions. (env: REFRESH_RATE_LIMIT, default: 60/60s)")
    var refreshRateLimit: String?

    @Option(help: "How long a sign-in or reauthentication counts as recent for changes that weaken an account's protection (each factor keeps its own time): seconds, or 10m. (env: REAUTHENTICATION_WINDOW, default: 10m)")
    var reauthenticationWindow: String?

    @Option(help: "Per-IP limit on sensitive routes, N/<window> such as 10/60s. (env: RATE_LIMIT, default: 10/60s)")
    var rateLimit: String?

    @Option(help: "Comma-separated addresses whose accounts are admins once verified (the dashboard at /admin/ and /api/v1/admin; they also need a second factor). (env: ADMIN_EMAILS, default: none; see also `authd admin grant`)")
    var adminEmails: String?

    @Option(help: "The URL browsers reach authd at, e.g. https://auth.example.com: the pages check form origins against it, and https makes their cookies __Host- and Secure. (env: PUBLIC_URL, default: http://localhost:PORT and http://127.0.0.1:PORT)")
    var publicURL: String?

    @Option(help: "Comma-separated CIDRs whose Forwarded (RFC 7239) or X-Forwarded-For is believed. (env: TRUSTED_PROXIES, default: none)")
    var trustedProxies: String?

    @Option(name: .customLong("geoip-db"), help: "Path of a MaxMind-format City database. (env: GEOIP_DB, default: empty locations)")
    var geoIPDatabase: String?

    @Option(help: "Google OAuth client id. (env: GOOGLE_CLIENT_ID, default: Google sign-in off)")
    var googleClientID: String?

    @Option(help: "Google OAuth client secret. (env: GOOGLE_CLIENT_SECRET)")
    var googleClientSecret: String?

    @Option(help: "OpenID issuer used for discovery; http:// only on loopback. (env: GOOGLE_ISSUER, default: https://accounts.google.com)")
    var googleIssuer: String?

    @Option(name: .customLong("oauth-providers"), help: "More OAuth providers by name, e.g. github,apple,okta; each reads OAUTH_<NAME>_CLIENT_ID, OAUTH_<NAME>_CLIENT_SECRET, OAUTH_<NAME>_ISSUER (OpenID discovery; http:// only on loopback), OAUTH_<NAME>_KIND (google, github, apple or oidc; default: the name if it is one, else oidc), OAUTH_<NAME>_SCOPES; Apple: OAUTH_<NAME>_TEAM_ID, OAUTH_<NAME>_KEY_ID, OAUTH_<NAME>_PRIVATE_KEY_FILE instead of a secret. Provider settings come from the environment only. (env: OAUTH_PROVIDERS, default: none)")
    var oauthProviders: String?

    @Option(name: .customLong("oauth-redirect-allowlist"), help: "Comma-separated allowed redirect_uri values or prefixes. (env: OAUTH_REDIRECT_ALLOWLIST, default: none)")
    var oauthRedirectAllowlist: String?

    @Option(name: .customLong("webauthn-rp-id"), help: "Passkey relying party id: the site's registrable domain (example.com) or localhost; passkeys are bound to it. (env: WEBAUTHN_RP_ID, default: localhost)")
    var webAuthnRPID: String?

    @Option(name: .customLong("webauthn-origins"), help: "Comma-separated origins allowed to use passkeys, each the RP ID or a subdomain of it, https (http only on localhost). (env: WEBAUTHN_ORIGINS, default: http://localhost:8080)")
    var webAuthnOrigins: String?

    @Option(help: "How long a client may take to send a request head, or between parts of its body, before it is answered 408 and disconnected: seconds or 30s/1m. (env: HTTP_READ_TIMEOUT, default: 10s)")
    var httpReadTimeout: String?

    @Option(help: "How long a keep-alive connection may sit idle between requests before it is closed. (env: HTTP_IDLE_TIMEOUT, default: 60s)")
    var httpIdleTimeout: String?

    @Option(help: "How long handlers may work on one request before it is answered 503. (env: HTTP_REQUEST_TIMEOUT, default: 30s)")
    var httpRequestTimeout: String?

    @Option(help: "The most client connections served at once; more wait until one closes. (env: HTTP_MAX_CONNECTIONS, default: sized from the open-file limit, see the start-up log)")
    var httpMaxConnections: String?

    @Option(help: "The most connections one client address (an IPv6 /64) may hold at once; more are closed as they open. Trusted proxies are exempt. (env: HTTP_MAX_CONNECTIONS_PER_ADDRESS, default: half of HTTP_MAX_CONNECTIONS)")
    var httpMaxConnectionsPerAddress: String?

    @Option(help: "On SIGTERM, how long in-flight requests may take to finish before the remaining connections are closed. (env: SHUTDOWN_GRACE, default: 10s)")
    var shutdownGrace: String?

    @Option(help: "URL authd POSTs each new sign-up to before the account is created; it answers {\"decision\": \"allow\"} or {\"decision\": \"deny\", \"message\": …} (403 sign_up_denied). Unreachable or a bad answer refuses the sign-up with 503. (env: HOOK_BEFORE_SIGN_UP_URL, default: none)")
    var hookBeforeSignUpURL: String?

    @Option(help: "URL authd POSTs each new session to; its {\"claims\": {…}} are added to the access token (reserved claims such as sub, sid, aal, exp are dropped). Unreachable or a bad answer refuses the sign-in with 503. (env: HOOK_CUSTOM_CLAIMS_URL, default: none)")
    var hookCustomClaimsURL: String?

    @Option(help: "whsec_ secret the hook requests are signed with (Standard Webhooks); required with a hook URL. (env: HOOK_SECRET)")
    var hookSecret: String?

    @Option(help: "How long a hook may take to answer: seconds, or 2s. (env: HOOK_TIMEOUT, default: 5s)")
    var hookTimeout: String?

    @Option(help: "1: allow webhook targets on loopback and private addresses (development). (env: WEBHOOK_ALLOW_PRIVATE, default: refused)")
    var webhookAllowPrivate: String?

    @Option(help: "Wait before the first retry of a failed webhook delivery; it doubles after each failure. (env: WEBHOOK_RETRY_INITIAL, default: 5s)")
    var webhookRetryInitial: String?

    @Option(help: "Longest wait between two attempts at a webhook delivery; deliveries are tried for a day. (env: WEBHOOK_RETRY_MAX, default: 1h)")
    var webhookRetryMax: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical. (env: LOG_LEVEL, default: info)")
    var logLevel: String?

    @Option(help: "text, or json: one JSON object per line with the request id on every line of a request. (env: LOG_FORMAT, default: text)")
    var logFormat: String?

    @Option(help: "Port of a second listener, on HOST, serving Prometheus metrics at GET /metrics; 0 picks a free one. (env: METRICS_PORT, default: off)")
    var metricsPort: String?
}
