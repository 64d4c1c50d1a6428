extension PostgresConnectionPool {
    /// How the pool connects and how large it grows.
    public struct Configuration: Sendable {
        /// A `postgres://` URL or `key=value` string; every libpq parameter in it is honoured.
        public var url: String
        /// The most connections open at once. Default 10.
        public var maxConnections: Int = 10
        /// How long a caller waits for a free connection before `.unavailable`. Default 5 s.
        public var leaseTimeout: Duration = .seconds(5)
        /// libpq `connect_timeout` in seconds, unless the URL sets one. Default 5.
        public var connectTimeoutSeconds: Int = 5
        /// `application_name` shown in `pg_stat_activity`, unless the URL sets one. Default `authd`.
        public var applicationName: String = "authd"
        /// Whether hot queries use named prepared statements. Turn off behind a pooler that cannot
        /// track them (PgBouncer in transaction mode before 1.21). Default `true`.
        public var usePreparedStatements: Bool = true
        /// A connection parked this long is closed (the server's count of connections shrinks back
        /// after a burst); `nil` keeps them. Default 5 minutes.
        public var idleTimeout: Duration? = .seconds(300)
        /// A connection this old is closed instead of being reused, so connections move to new
        /// servers behind a DNS name or load balancer and server-side memory is returned;
        /// `nil` keeps them. Default 30 minutes.
        public var maxLifetime: Duration? = .seconds(1800)
        /// `statement_timeout` set on every connection the pool opens: a statement running longer
        /// is cancelled by the server and fails with `AuthError(.unavailable)`. A URL that sets
        /// `statement_timeout` itself (in `options`) wins; `nil` leaves the server's setting.
        /// Default 10 seconds.
        public var statementTimeout: Duration? = .seconds(10)

        /// Creates a configuration with the documented defaults.
        public init(url: String, maxConnections: Int = 10) {
            self.url = url
            self.maxConnections = maxConnections
        }
    }
}
