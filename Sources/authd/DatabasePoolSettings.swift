/// The store backend's connection pool settings (`DATABASE_POOL_SIZE`, `DATABASE_IDLE_TIMEOUT`,
/// `DATABASE_MAX_LIFETIME`, `DATABASE_STATEMENT_TIMEOUT`), with the pool's documented defaults.
struct DatabasePoolSettings: Sendable {
    var size = 10
    var idleTimeout: Duration = .seconds(300)
    var maxLifetime: Duration = .seconds(1800)
    var statementTimeout: Duration = .seconds(10)
}
