import ArgumentParser

/// `authd`: the auth service's server executable.
@main
struct Authd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authd",
        abstract: "Authentication and session service (HTTP API under /api/v1/auth).",
        discussion: """
            Every option can also be set through the environment variable named in its help; a flag \
            wins over the variable. With nothing configured, authd serves the embedded default: \
            in-memory stores and rate limiter, mail written to the log, and an ephemeral JWT secret. \
            That is for development only.

            Settings (environment variable = flag of `authd serve`):
              HOST=--host, PORT=--port                  listen address (127.0.0.1:8080)
              DATABASE_URL=--database-url               postgres:// URL (in-memory stores)
              DATABASE_POOL_SIZE=--database-pool-size   PostgreSQL connections at once (10)
              DATABASE_IDLE_TIMEOUT=--database-idle-timeout  idle connection closed (5m)
              DATABASE_MAX_LIFETIME=--database-max-lifetime  connection replaced (30m)
              DATABASE_STATEMENT_TIMEOUT=--database-statement-timeout  slower: 503 (10s)
              REDIS_URL=--redis-url                     redis:// or rediss:// URL (in-memory)
              SMTP_URL=--smtp-url, MAIL_FROM=--mail-from  smtp(s):// URL and sender (log)
              MAIL_LOG=--mail-log                       insecure: codes in the log with a database
              JWT_SECRET=--jwt-secret                   HS256 secret, >= 32 bytes (ephemeral)
              ENCRYPTION_KEY=--encryption-key           key for secrets at rest (from JWT_SECRET)
              JWT_ALG=--jwt-alg                         HS256, ES256 or EdDSA (HS256)
              JWT_KEY_REFRESH=--jwt-key-refresh         key changes picked up within (30s)
              INTROSPECTION_CLIENTS=--introspection-clients  id:secret,... for POST /introspect
              SESSION_TTL=--session-ttl                 life without use, slid by refresh: 7d/12h/30m (7d)
              ACCESS_TOKEN_TTL=--access-token-ttl       access-token life (the session's)
              SESSION_MAX_LIFETIME=--session-max-lifetime  longest life however refreshed (90d)
              REFRESH_REUSE_INTERVAL=--refresh-reuse-interval  replaced refresh token still answers (60s)
              REFRESH_RATE_LIMIT=--refresh-rate-limit   refreshes per session N/<window>, x10 per network (60/60s)
              REAUTHENTICATION_WINDOW=--reauthentication-window  recent sign-in for protection changes (10m)
              RATE_LIMIT=--rate-limit                   per-IP limit N/<window> (10/60s)
              TRUSTED_PROXIES=--trusted-proxies         CIDRs whose Forwarded/X-Forwarded-For counts
              ADMIN_EMAILS=--admin-emails               admins once verified (also `authd admin`)
              PUBLIC_URL=--public-url                   where browsers reach /ui/ and /admin/
                                                        (http://localhost:PORT)
              GEOIP_DB=--geoip-db                       MaxMind City database path
              GOOGLE_CLIENT_ID=--google-client-id, GOOGLE_CLIENT_SECRET=--google-client-secret
              GOOGLE_ISSUER=--google-issuer             (https://accounts.google.com)
              OAUTH_PROVIDERS=--oauth-providers         more providers: github,apple,okta
                OAUTH_<NAME>_CLIENT_ID, OAUTH_<NAME>_CLIENT_SECRET  the client (env only)
                OAUTH_<NAME>_ISSUER     OpenID discovery base (http:// only on loopback)
                OAUTH_<NAME>_KIND       google|github|apple|oidc (the name, else oidc)
                OAUTH_<NAME>_SCOPES     scopes instead of the kind's defaults
                OAUTH_<NAME>_TEAM_ID, OAUTH_<NAME>_KEY_ID, OAUTH_<NAME>_PRIVATE_KEY_FILE
                                        Apple: signs the client secret (no _CLIENT_SECRET)
              OAUTH_REDIRECT_ALLOWLIST=--oauth-redirect-allowlist  allowed redirect_uri values
              WEBAUTHN_RP_ID=--webauthn-rp-id           passkey relying party (localhost)
              WEBAUTHN_ORIGINS=--webauthn-origins       allowed origins (http://localhost:8080)
              HTTP_READ_TIMEOUT=--http-read-timeout     slow head, or slow body after it: 408 (10s)
              HTTP_IDLE_TIMEOUT=--http-idle-timeout     idle keep-alive is closed (60s)
              HTTP_REQUEST_TIMEOUT=--http-request-timeout  handler work: 503 (30s)
              HTTP_MAX_CONNECTIONS=--http-max-connections  connections at once (ulimit -n)
              HTTP_MAX_CONNECTIONS_PER_ADDRESS=--http-max-connections-per-address  one address's share (half)
              SHUTDOWN_GRACE=--shutdown-grace           drain time on SIGTERM (10s)
              LOG_LEVEL=--log-level                     trace ... critical (info)
              LOG_FORMAT=--log-format                   text or json, one object a line (text)
              METRICS_PORT=--metrics-port               Prometheus /metrics listener (off)
              HOOK_BEFORE_SIGN_UP_URL=--hook-before-sign-up-url  allow or deny each sign-up (none)
              HOOK_CUSTOM_CLAIMS_URL=--hook-custom-claims-url    claims for access tokens (none)
              HOOK_SECRET=--hook-secret                 whsec_ secret the hooks are signed with
              HOOK_TIMEOUT=--hook-timeout               a hook's answer within (5s)
              WEBHOOK_ALLOW_PRIVATE=--webhook-allow-private  1: loopback/private targets (refused)
              WEBHOOK_RETRY_INITIAL=--webhook-retry-initial  first retry of a delivery after (5s)
              WEBHOOK_RETRY_MAX=--webhook-retry-max     longest wait between attempts (1h)
            Webhooks: `authd webhooks add URL --events user.created,user.banned` (docs/webhooks.md).
            See 'authd serve --help' for details.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, CheckCommand.self, KeysCommand.self, AdminCommand.self, WebhooksCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}
