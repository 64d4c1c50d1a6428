import AuthCore
import AuthHTTP
import Foundation
import Logging

/// The validated settings of `authd serve`: flags first, then environment variables, then defaults.
struct ServerConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    var databaseURL: DatabaseURL?
    /// `DATABASE_POOL_SIZE`, `DATABASE_IDLE_TIMEOUT`, `DATABASE_MAX_LIFETIME`,
    /// `DATABASE_STATEMENT_TIMEOUT`.
    var databasePool = DatabasePoolSettings()
    var redisURL: URL?
    var smtpURL: URL?
    var mailFrom: EmailAddress?
    /// `MAIL_LOG=insecure`: the log mailer is allowed with a database (development only).
    var mailLogAllowed = false
    /// `--allow-newer-schema`: serve a schema with migrations this build does not know.
    var allowNewerSchema = false
    /// `nil` means an ephemeral secret is generated at start-up.
    var jwtSecret: [UInt8]?
    /// `ENCRYPTION_KEY`; `nil` derives the key from the JWT secret.
    var encryptionKey: [UInt8]?
    /// `JWT_ALG`.
    var tokenAlgorithm: TokenAlgorithm = .hs256
    /// `JWT_KEY_REFRESH`.
    var keyRefresh: Duration = .seconds(30)
    /// `INTROSPECTION_CLIENTS`.
    var introspectionClients: [IntrospectionClient] = []
    var sessionTTL: Duration = .seconds(7 * 86_400)
    /// `ACCESS_TOKEN_TTL`; `nil`: the session's lifetime.
    var accessTokenTTL: Duration?
    /// `SESSION_MAX_LIFETIME` (at least `SESSION_TTL` when unset).
    var sessionMaxLifetime: Duration = .seconds(90 * 86_400)
    /// `REFRESH_REUSE_INTERVAL`.
    var refreshReuseInterval: Duration = .seconds(60)
    /// `REFRESH_RATE_LIMIT`: per session; ten times the limit per network.
    var refreshRateLimit = RateLimitPolicy(limit: 60, window: .seconds(60))
    /// `REAUTHENTICATION_WINDOW`: see ``AuthConfiguration/recentAuthenticationWindow``.
    var reauthenticationWindow: Duration = .seconds(10 * 60)
    var rateLimit: RateLimitPolicy = .default
    var trustedProxies: [IPNetwork] = []
    var geoIPDatabase: String?
    var googleClientID: String?
    var googleClientSecret: String?
    var googleIssuer = URL(string: "https://accounts.google.com")!
    var oauthRedirectAllowlist: [String] = []
    /// Every OAuth provider: `GOOGLE_*`, then `OAUTH_PROVIDERS` in its order.
    var oauthProviders: [OAuthProviderSettings] = []
    /// `WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGINS`.
    var webAuthn = WebAuthnConfiguration()
    var logLevel: Logger.Level = .info
    /// `ADMIN_EMAILS`: accounts that are admins once verified.
    var adminEmails: Set<EmailAddress> = []
    /// `PUBLIC_URL`: where browsers reach the pages (`nil`: http://localhost and 127.0.0.1 on the port).
    var publicURL: URL?
    /// `LOG_FORMAT`.
    var logFormat: LogSetup.Format = .text
    /// `METRICS_PORT`; `nil` serves no metrics.
    var metricsPort: Int?
    /// `HTTP_READ_TIMEOUT`: head within, and no body stall longer than, this.
    var readTimeout: Duration = .seconds(10)
    /// `HTTP_IDLE_TIMEOUT`: a keep-alive connection idle this long is closed.
    var idleTimeout: Duration = .seconds(60)
    /// `HTTP_REQUEST_TIMEOUT`: handler work on one request.
    var requestTimeout: Duration = .seconds(30)
    /// `HTTP_MAX_CONNECTIONS`; `nil` sizes the limit from the descriptor limit (``ConnectionLimit``).
    var maxConnections: Int?
    /// `HTTP_MAX_CONNECTIONS_PER_ADDRESS`; `nil`: half of the connection limit.
    var maxConnectionsPerAddress: Int?
    /// `SHUTDOWN_GRACE`: how long a drain may take.
    var shutdownGrace: Duration = .seconds(10)
    /// `HOOK_BEFORE_SIGN_UP_URL`, `HOOK_CUSTOM_CLAIMS_URL`.
    var hookEndpoints = HTTPAuthHooks.Endpoints(beforeSignUp: nil, customClaims: nil)
    /// `HOOK_SECRET`.
    var hookSecret: String?
    /// `HOOK_TIMEOUT`.
    var hookTimeout: Duration = .seconds(5)
    /// `WEBHOOK_ALLOW_PRIVATE=1`.
    var webhookAllowPrivate = false
    /// `WEBHOOK_RETRY_INITIAL`, `WEBHOOK_RETRY_MAX`.
    var webhookRetryInitial: Duration = .seconds(5)
    var webhookRetryMax: Duration = .seconds(3600)

    /// Resolves and validates every setting.
    /// - Throws: ``ConfigurationError`` for the first bad value.
    init(options o: ConfigurationOptions, environment env: [String: String]) throws {
        func value(_ flag: String?, _ name: String) -> String? {
            if let flag { return flag }
            guard let v = env[name], !v.isEmpty else { return nil }
            return v
        }
        if let v = value(o.logLevel, "LOG_LEVEL") {
            guard let level = Logger.Level(rawValue: v.lowercased()) else {
                throw ConfigurationError("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
            }
            logLevel = level
        }
        if let v = value(o.logFormat, "LOG_FORMAT") {
            guard let format = LogSetup.Format(rawValue: v.lowercased()) else { throw ConfigurationError("LOG_FORMAT must be text or json") }
            logFormat = format
        }
        if let v = value(o.metricsPort, "METRICS_PORT") { metricsPort = try ConfigurationParsing.port(v, name: "METRICS_PORT") }
        if let v = value(o.host, "HOST") {
            guard !v.isEmpty, !v.contains(where: \.isWhitespace) else { throw ConfigurationError("HOST must be a host name or address") }
            host = v
        }
        if let v = value(o.port, "PORT") { port = try ConfigurationParsing.port(v) }
        if let v = value(o.databaseURL, "DATABASE_URL") {
            databaseURL = try DatabaseURL(v)
        }
        if let v = value(o.redisURL, "REDIS_URL") {
            redisURL = try ConfigurationParsing.url(v, name: "REDIS_URL", schemes: ["redis", "rediss"])
        }
        if let v = value(o.smtpURL, "SMTP_URL") {
            smtpURL = try ConfigurationParsing.url(v, name: "SMTP_URL", schemes: ["smtp", "smtps"])
        }
        if let v = value(o.mailFrom, "MAIL_FROM") {
            guard let address = try? EmailAddress(v) else { throw ConfigurationError("MAIL_FROM must be an email address") }
            mailFrom = address
        }
        allowNewerSchema = o.allowNewerSchema
        if let v = value(o.mailLog, "MAIL_LOG") {
            guard v == "insecure" else { throw ConfigurationError("MAIL_LOG must be \"insecure\" (or unset)") }
            mailLogAllowed = true
        }
        if let v = value(o.jwtSecret, "JWT_SECRET") {
            guard v.utf8.count >= TokenSigner.minimumSecretLength else {
                throw ConfigurationError("JWT_SECRET must be at least \(TokenSigner.minimumSecretLength) bytes (got \(v.utf8.count))")
            }
            jwtSecret = Array(v.utf8)
        }
        if let v = value(o.encryptionKey, "ENCRYPTION_KEY") {
            guard v.utf8.count >= 32 else {
                throw ConfigurationError("ENCRYPTION_KEY must be at least 32 bytes (got \(v.utf8.count))")
            }
            encryptionKey = Array(v.utf8)
        }
        if let v = value(o.jwtAlg, "JWT_ALG") {
            // RS256 signs ID tokens for OpenID clients (docs/oidc.md), not session tokens.
            guard let algorithm = TokenAlgorithm.allCases.first(where: { $0.rawValue.lowercased() == v.lowercased() }),
                  algorithm != .rs256
            else {
                throw ConfigurationError("JWT_ALG must be HS256, ES256 or EdDSA")
            }
            tokenAlgorithm = algorithm
        }
        if let v = value(o.jwtKeyRefresh, "JWT_KEY_REFRESH") {
            keyRefresh = try ConfigurationParsing.duration(v, name: "JWT_KEY_REFRESH")
            guard keyRefresh <= .seconds(300) else {
                throw ConfigurationError("JWT_KEY_REFRESH must be at most 5m (a retirement must reach every instance soon)")
            }
        }
        if let v = value(o.introspectionClients, "INTROSPECTION_CLIENTS") {
            do { introspectionClients = try IntrospectionClient.parse(v) } catch let error as AuthError {
                throw ConfigurationError("INTROSPECTION_CLIENTS: \(error.publicDetail ?? "malformed")")
            }
        }
        if databaseURL != nil, jwtSecret == nil {
            throw ConfigurationError("JWT_SECRET is required when DATABASE_URL is set (sessions must survive restarts)")
        }
        if databaseURL != nil, smtpURL == nil, !mailLogAllowed {
            // A production configuration must never write live codes to its log.
            throw ConfigurationError(
                "SMTP_URL is required when DATABASE_URL is set (without it every code is written to the log); "
                    + "set MAIL_LOG=insecure to allow that on a development machine")
        }
        if let v = value(o.sessionTTL, "SESSION_TTL") { sessionTTL = try ConfigurationParsing.duration(v, name: "SESSION_TTL") }
        if let v = value(o.accessTokenTTL, "ACCESS_TOKEN_TTL") {
            accessTokenTTL = try ConfigurationParsing.duration(v, name: "ACCESS_TOKEN_TTL")
        }
        if let v = value(o.sessionMaxLifetime, "SESSION_MAX_LIFETIME") {
            sessionMaxLifetime = try ConfigurationParsing.duration(v, name: "SESSION_MAX_LIFETIME")
            if sessionMaxLifetime < sessionTTL {
                throw ConfigurationError("SESSION_MAX_LIFETIME must be at least SESSION_TTL")
            }
        } else {
            // A SESSION_TTL beyond the default maximum keeps meaning what it meant before.
            sessionMaxLifetime = max(sessionMaxLifetime, sessionTTL)
        }
        if let v = value(o.refreshReuseInterval, "REFRESH_REUSE_INTERVAL") {
            refreshReuseInterval = try ConfigurationParsing.duration(v, name: "REFRESH_REUSE_INTERVAL")
            guard refreshReuseInterval <= .seconds(600) else {
                throw ConfigurationError("REFRESH_REUSE_INTERVAL must be at most 10m (a copied token stays good that long)")
            }
        }
        if let v = value(o.refreshRateLimit, "REFRESH_RATE_LIMIT") {
            refreshRateLimit = try ConfigurationParsing.rateLimit(v, name: "REFRESH_RATE_LIMIT")
        }
        if let v = value(o.reauthenticationWindow, "REAUTHENTICATION_WINDOW") {
            reauthenticationWindow = try ConfigurationParsing.duration(v, name: "REAUTHENTICATION_WINDOW")
        }
        if let v = value(o.rateLimit, "RATE_LIMIT") { rateLimit = try ConfigurationParsing.rateLimit(v, name: "RATE_LIMIT") }
        if let v = value(o.trustedProxies, "TRUSTED_PROXIES") {
            switch IPNetwork.parseList(v) {
            case .success(let networks): trustedProxies = networks
            case .failure(let bad): throw ConfigurationError("TRUSTED_PROXIES: \"\(bad.text)\" is not an IP address or CIDR block")
            }
        }
        geoIPDatabase = value(o.geoIPDatabase, "GEOIP_DB")
        googleClientID = value(o.googleClientID, "GOOGLE_CLIENT_ID")
        googleClientSecret = value(o.googleClientSecret, "GOOGLE_CLIENT_SECRET")
        if let v = value(o.googleIssuer, "GOOGLE_ISSUER") {
            googleIssuer = try OAuthProviderEnvironment.issuerURL(v, name: "GOOGLE_ISSUER")
        }
        if let v = value(o.oauthRedirectAllowlist, "OAUTH_REDIRECT_ALLOWLIST") {
            oauthRedirectAllowlist = ConfigurationParsing.list(v)
            for entry in oauthRedirectAllowlist where (try? ConfigurationParsing.url(entry, name: "", schemes: ["https", "http"])) == nil {
                throw ConfigurationError("OAUTH_REDIRECT_ALLOWLIST: \"\(entry)\" is not an http(s) URL")
            }
        }
        if let v = value(o.adminEmails, "ADMIN_EMAILS") {
            for entry in ConfigurationParsing.list(v) {
                guard let address = try? EmailAddress(entry) else {
                    throw ConfigurationError("ADMIN_EMAILS: \"\(entry.prefix(64))\" is not an email address")
                }
                adminEmails.insert(address)
            }
        }
        if let v = value(o.publicURL, "PUBLIC_URL") {
            let url = try ConfigurationParsing.url(v, name: "PUBLIC_URL", schemes: ["https", "http"])
            if url.scheme == "http", !["localhost", "127.0.0.1", "::1", "[::1]"].contains(url.host ?? "") {
                throw ConfigurationError("PUBLIC_URL must be https:// (http:// only on localhost): the session cookie must be Secure")
            }
            publicURL = url
        }
        if let v = value(o.databasePoolSize, "DATABASE_POOL_SIZE") {
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)), (1...1000).contains(n) else {
                throw ConfigurationError("DATABASE_POOL_SIZE must be a number from 1 to 1000 (got \"\(v)\")")
            }
            databasePool.size = n
        }
        if let v = value(o.databaseIdleTimeout, "DATABASE_IDLE_TIMEOUT") {
            databasePool.idleTimeout = try ConfigurationParsing.timeout(v, name: "DATABASE_IDLE_TIMEOUT")
        }
        if let v = value(o.databaseMaxLifetime, "DATABASE_MAX_LIFETIME") {
            databasePool.maxLifetime = try ConfigurationParsing.timeout(v, name: "DATABASE_MAX_LIFETIME")
        }
        if let v = value(o.databaseStatementTimeout, "DATABASE_STATEMENT_TIMEOUT") {
            databasePool.statementTimeout = try ConfigurationParsing.timeout(v, name: "DATABASE_STATEMENT_TIMEOUT")
        }
        let rpID = value(o.webAuthnRPID, "WEBAUTHN_RP_ID")
        let origins = value(o.webAuthnOrigins, "WEBAUTHN_ORIGINS").map(ConfigurationParsing.list)
        if rpID != nil || origins != nil {
            do {
                webAuthn = try WebAuthnConfiguration(
                    relyingPartyID: rpID ?? "localhost",
                    origins: origins ?? (rpID == nil ? ["http://localhost:8080"] : ["https://\(rpID!)"]))
            } catch let error as AuthError {
                throw ConfigurationError(error.publicDetail ?? "WEBAUTHN_RP_ID or WEBAUTHN_ORIGINS is invalid")
            }
        } else if let url = publicURL, let host = url.host,
                  let derived = try? WebAuthnConfiguration(relyingPartyID: host, origins: webOrigins(port: url.port ?? 0))
        {
            // The pages' own address is where their passkeys live (not when it is an IP address,
            // which WebAuthn does not allow as an RP ID: then the default stays).
            webAuthn = derived
        }
        if let v = value(o.httpReadTimeout, "HTTP_READ_TIMEOUT") { readTimeout = try ConfigurationParsing.timeout(v, name: "HTTP_READ_TIMEOUT") }
        if let v = value(o.httpIdleTimeout, "HTTP_IDLE_TIMEOUT") { idleTimeout = try ConfigurationParsing.timeout(v, name: "HTTP_IDLE_TIMEOUT") }
        if let v = value(o.httpRequestTimeout, "HTTP_REQUEST_TIMEOUT") {
            requestTimeout = try ConfigurationParsing.timeout(v, name: "HTTP_REQUEST_TIMEOUT")
        }
        if let v = value(o.shutdownGrace, "SHUTDOWN_GRACE") { shutdownGrace = try ConfigurationParsing.timeout(v, name: "SHUTDOWN_GRACE") }
        if let v = value(o.httpMaxConnections, "HTTP_MAX_CONNECTIONS") {
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)), (1...ConnectionLimit.ceiling).contains(n) else {
                throw ConfigurationError("HTTP_MAX_CONNECTIONS must be a number from 1 to \(ConnectionLimit.ceiling) (got \"\(v)\")")
            }
            maxConnections = n
        }
        if let v = value(o.httpMaxConnectionsPerAddress, "HTTP_MAX_CONNECTIONS_PER_ADDRESS") {
            guard let n = Int(v.trimmingCharacters(in: .whitespaces)), (1...ConnectionLimit.ceiling).contains(n) else {
                throw ConfigurationError("HTTP_MAX_CONNECTIONS_PER_ADDRESS must be a number from 1 to \(ConnectionLimit.ceiling) (got \"\(v)\")")
            }
            maxConnectionsPerAddress = n
        }
        try readHooks(o, value)
        if (googleClientID == nil) != (googleClientSecret == nil) {
            throw ConfigurationError("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together")
        }
        let google = googleClientID.flatMap { id in googleClientSecret.map { (clientID: id, secret: $0, issuer: googleIssuer) } }
        oauthProviders = try OAuthProviderEnvironment.providers(
            list: value(o.oauthProviders, "OAUTH_PROVIDERS"), google: google, environment: env)
        if !oauthProviders.isEmpty, oauthRedirectAllowlist.isEmpty {
            throw ConfigurationError("OAUTH_REDIRECT_ALLOWLIST must list the allowed redirect_uri values when an OAuth provider is configured")
        }
    }

    /// What the mail outbox's sealing key is derived from: the JWT secret (required with a database).
    var outboxSecret: [UInt8] { jwtSecret ?? [] }

    /// The flow policy derived from these settings.
    var authConfiguration: AuthConfiguration {
        var c = AuthConfiguration()
        c.sessionTTL = sessionTTL
        c.accessTokenTTL = accessTokenTTL
        c.sessionMaxLifetime = sessionMaxLifetime
        c.refreshReuseInterval = refreshReuseInterval
        c.abuse.refreshesPerSession = refreshRateLimit
        c.abuse.refreshesPerNetwork = RateLimitPolicy(
            limit: refreshRateLimit.limit > Int.max / 10 ? Int.max : refreshRateLimit.limit * 10, window: refreshRateLimit.window)
        c.recentAuthenticationWindow = reauthenticationWindow
        c.signingKeyRefreshInterval = keyRefresh
        c.adminEmails = adminEmails
        c.webAuthn = webAuthn
        c.openID.issuer = openIDIssuer
        return c
    }

    /// The OpenID issuer (docs/oidc.md): `PUBLIC_URL` without a trailing slash, or
    /// `http://localhost:PORT` in development.
    var openIDIssuer: String {
        guard let url = publicURL else { return "http://localhost:\(port)" }
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The origins the pages accept forms from: `PUBLIC_URL`'s, or both loopback names on the port.
    func webOrigins(port actualPort: Int) -> [String] {
        if let url = publicURL {
            var origin = "\(url.scheme ?? "https")://\(url.host ?? "")"
            if let port = url.port { origin += ":\(port)" }
            return [origin]
        }
        return ["http://localhost:\(actualPort)", "http://127.0.0.1:\(actualPort)"]
    }

    /// The HTTP-layer settings derived from these settings, with the connection limit chosen.
    func httpSettings(maximumConnections: Int) -> AuthApplication.Settings {
        var s = AuthApplication.Settings()
        s.rateLimit = rateLimit
        s.trustedProxies = trustedProxies
        s.introspectionClients = introspectionClients
        s.readTimeout = readTimeout
        s.idleTimeout = idleTimeout
        s.requestTimeout = requestTimeout
        s.maximumConnections = maximumConnections
        s.maximumConnectionsPerAddress = maxConnectionsPerAddress
        s.shutdownGrace = shutdownGrace
        return s
    }
}
