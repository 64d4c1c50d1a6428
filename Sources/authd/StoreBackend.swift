import AuthCore
import Logging
import ServiceLifecycle

/// Where `authd` keeps its stores when `DATABASE_URL` is set: chosen once, from the URL's scheme
/// (``connect(_:settings:poolSize:label:)``), and from then on the only thing any command asks to connect,
/// migrate, report the schema, answer readiness or hand out ports. Without `DATABASE_URL` the
/// stores are the in-memory set (``AuthDependencies/inMemory(mailer:hasher:clock:random:)``).
///
/// A new backend is one conforming type plus its choice by scheme in ``StoreBackends``.
protocol StoreBackend: Sendable {
    /// The backend's name in operator messages (`PostgreSQL`).
    var name: String { get }
    /// What `/readyz` checks: a round trip that also requires this build's schema.
    var readiness: any ReadinessProbe { get }
    /// Applies pending schema migrations (safe from several instances at once).
    /// - Returns: the versions this call applied.
    func migrate() async throws -> [Int]
    /// The applied and pending migrations, one per line (`authd migrate --status`).
    func schemaReport() async throws -> String
    /// Why the schema cannot be served (`nil`: it can), and its version.
    /// - Parameter allowNewer: serve a schema newer than this build (`ALLOW_NEWER_SCHEMA`).
    func schemaCheck(allowNewer: Bool) async throws -> (refusal: String?, version: Int)
    /// Stored authenticators (the oldest and the newest), to prove the encryption key opens them.
    func sampleAuthenticators() async throws -> [TOTPAuthenticator]
    /// `base` with every store port replaced by this backend's, the account eraser included.
    func dependencies(replacingStoresOf base: AuthDependencies) -> AuthDependencies
    /// The mail outbox in this backend, its payloads sealed by `sealer`.
    func mailOutbox(sealer: MailSealer, clock: any WallClock) -> any MailOutbox
    /// The webhook endpoints and deliveries in this backend, secrets sealed with `encryptionKey`.
    /// - Throws: `AuthError` naming `ENCRYPTION_KEY` when the key cannot seal.
    func webhookStore(encryptionKey: [UInt8], clock: any WallClock) throws -> any WebhookStore
    /// The user profiles (the admin commands look accounts up).
    var users: any UserStore { get }
    /// The audit log (the admin commands record their changes).
    var auditLog: any AuditLog { get }
    /// The stored admin role.
    var adminRoles: any AdminRoleStore { get }
    /// The token-signing keys.
    var signingKeys: any SigningKeyStore { get }
    /// The backend's connection pool as a service for `authd serve`'s group: it sweeps idle
    /// connections while it runs and drains the pool on graceful shutdown.
    var service: any Service { get }
    /// Closes the backend's connections (the commands that run no service group, at exit).
    func shutdown()
}

/// The choice of ``StoreBackend`` by `DATABASE_URL`'s scheme.
enum StoreBackends {
    /// Connects to the backend `url` names and checks that it answers.
    /// - Parameters:
    ///   - settings: the connection pool settings (`poolSize` overrides their size).
    ///   - label: the logger label of the backend's connection problems (default: the backend's own).
    /// - Throws: `AuthError(.unavailable)` when it cannot be reached (wrap the call in
    ///   ``Adapters/backend(_:_:)`` for a configuration line naming `DATABASE_URL`).
    static func connect(
        _ url: DatabaseURL, settings: DatabasePoolSettings = DatabasePoolSettings(), poolSize: Int? = nil,
        label: String? = nil
    ) async throws -> any StoreBackend {
        var settings = settings
        if let poolSize { settings.size = poolSize }
        // Every URL checkURL accepts is PostgreSQL's today; a second backend is picked here by scheme.
        return try await PostgresBackend.connect(url, settings: settings, logger: Logger(label: label ?? PostgresBackend.logLabel))
    }

    /// Checks that a backend takes `url` (its scheme) and that it is well formed.
    /// - Throws: ``ConfigurationError`` naming `name` when it is not.
    static func checkURL(_ url: String, name: String) throws { try PostgresBackend.checkURL(url, name: name) }

    /// The name of `authd check`'s line for the backend `url` names (also its readiness probe's).
    static func checkName(of url: DatabaseURL) -> String { PostgresBackend.checkName }

    /// The help lines of the backends' metrics.
    static var metricHelp: [String: String] { PostgresBackend.metricHelp }
}
