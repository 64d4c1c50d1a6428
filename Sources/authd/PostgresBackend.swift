import AuthCore
import AuthStorePostgres
import Logging
import ServiceLifecycle

/// The PostgreSQL ``StoreBackend``: every store over one connection pool (`postgres://` and
/// `postgresql://` URLs; docs/postgres.md).
struct PostgresBackend: StoreBackend {
    let stores: PostgresStores

    /// Creates the pool and checks that the database answers.
    /// - Throws: `AuthError(.unavailable)` when the database cannot be reached.
    static func connect(_ url: DatabaseURL, settings: DatabasePoolSettings, logger: Logger) async throws -> PostgresBackend {
        PostgresBackend(stores: try await PostgresStores.connect(configuration: settings.configuration(url: url.text), logger: logger))
    }

    /// Checks a URL as libpq reads it: a `postgres://` or `postgresql://` URL.
    ///
    /// Not a Foundation `URL`: libpq's URLs may name several hosts (`postgres://u@a:5432,b:5432/db?
    /// target_session_attrs=read-write`, so the pool follows a failover to the new primary), which
    /// RFC 3986 parsers refuse. The checks here are the ones that catch a typo at start-up: the scheme,
    /// and that each host's port is a number from 1 to 65535. Everything else (parameters, sockets,
    /// TLS settings) is libpq's to read and to refuse.
    /// - Throws: ``ConfigurationError`` naming `name` for another scheme or a malformed port.
    static func checkURL(_ trimmed: String, name: String) throws {
        let lowered = trimmed.lowercased()
        guard let scheme = ["postgres://", "postgresql://"].first(where: { lowered.hasPrefix($0) }) else {
            throw ConfigurationError("\(name) must start with postgres:// or postgresql://")
        }
        let rest = trimmed.dropFirst(scheme.count)
        // The authority runs to the first '/' or '?'; what precedes an '@' is the user and password.
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let hosts = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        for (position, host) in hosts.split(separator: ",", omittingEmptySubsequences: false).enumerated() where !host.isEmpty {
            // An IPv6 literal is bracketed: its port follows the closing bracket.
            let afterAddress = host.hasPrefix("[") ? host.drop { $0 != "]" }.dropFirst() : host
            guard let colon = afterAddress.lastIndex(of: ":") else { continue }
            let port = afterAddress[afterAddress.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number) else {
                // The host by its place in the list, not its text: a password with an unencoded
                // '/' or '?' would otherwise end up in this message.
                throw ConfigurationError("\(name) has an invalid port (host \(position + 1) of the list)")
            }
        }
    }

    /// The name of `authd check`'s line and of the readiness probe.
    static let checkName = "postgresql"

    /// The label of the pool's log lines when the caller names none.
    static let logLabel = "auth.postgres"

    /// The help lines of the pool's metrics (docs/operations.md).
    static let metricHelp: [String: String] = [
        "authd_postgres_pool_connections": "PostgreSQL connections by state: in_use (leased or being opened), idle.",
        "authd_postgres_pool_waiting": "Callers waiting for a PostgreSQL connection.",
        "authd_postgres_pool_lease_timeouts_total": "Callers that waited the whole lease timeout for a PostgreSQL connection (answered 503).",
    ]

    var name: String { "PostgreSQL" }

    var readiness: any ReadinessProbe { stores }

    func migrate() async throws -> [Int] {
        try await stores.migrate()
    }

    func schemaReport() async throws -> String {
        let status = try await stores.schemaStatus()
        var lines = status.applied.map { "applied  \($0)" }
        lines += status.pending.map { "pending  \($0.version) \($0.name)" }
        lines += status.unknown.map { "unknown  \($0) (newer than this authd)" }
        lines.append(
            status.isCurrent
                ? "schema version \(status.current): up to date"
                : "schema version \(status.current); this authd needs \(status.required)")
        return lines.joined(separator: "\n")
    }

    func schemaCheck(allowNewer: Bool) async throws -> (refusal: String?, version: Int) {
        let status = try await stores.schemaStatus()
        return (status.refusal(allowNewer: allowNewer), status.current)
    }

    func sampleAuthenticators() async throws -> [TOTPAuthenticator] {
        try await stores.secondFactors.sampleAuthenticators()
    }

    func dependencies(replacingStoresOf base: AuthDependencies) -> AuthDependencies {
        stores.dependencies(replacingStoresOf: base)
    }

    func mailOutbox(sealer: MailSealer, clock: any WallClock) -> any MailOutbox {
        PostgresMailOutbox(pool: stores.pool, sealer: sealer, clock: clock)
    }

    func webhookStore(encryptionKey: [UInt8], clock: any WallClock) throws -> any WebhookStore {
        try PostgresWebhookStore(pool: stores.pool, encryptionKey: encryptionKey, clock: clock)
    }

    var users: any UserStore { stores.users }
    var auditLog: any AuditLog { stores.auditLog }
    var adminRoles: any AdminRoleStore { stores.adminRoles }
    var signingKeys: any SigningKeyStore { stores.signingKeys }

    var service: any Service { stores.pool }

    func shutdown() { stores.shutdown() }
}

extension DatabasePoolSettings {
    /// The pool configuration for `url`.
    func configuration(url: String) -> PostgresConnectionPool.Configuration {
        var configuration = PostgresConnectionPool.Configuration(url: url, maxConnections: size)
        configuration.idleTimeout = idleTimeout
        configuration.maxLifetime = maxLifetime
        configuration.statementTimeout = statementTimeout
        return configuration
    }
}
