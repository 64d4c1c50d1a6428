/// One backing service that must answer before the instance takes traffic (`/readyz`).
///
/// Each adapter that talks to a server offers one (PostgreSQL: a `SELECT 1` through the pool;
/// Redis: a `PING`); in-memory adapters need none.
public protocol ReadinessProbe: Sendable {
    /// The dependency's name as operators know it, e.g. `postgresql`, `redis`.
    var name: String { get }
    /// Whether the instance cannot serve without it. A dependency the adapters can do without for
    /// a while (Redis: the limiter falls back per process, the cache reads through to the store)
    /// is reported as degraded instead, so its outage does not take every instance out of the
    /// load balancer at once.
    var isRequired: Bool { get }
    /// One real round trip to the dependency.
    /// - Throws: ``ReadinessFailure`` naming why it cannot serve (`schema_missing`, …); any other
    ///   error means it did not answer (`unreachable`).
    func check() async throws
}

/// Why a dependency that answered still cannot serve, as a short snake_case reason that
/// `/readyz` shows (never a host, user or driver text).
public struct ReadinessFailure: Error, Sendable, Hashable {
    /// The reason, e.g. `schema_missing`, `schema_behind`, `schema_newer`.
    public var reason: String
    /// Creates a failure.
    public init(_ reason: String) { self.reason = reason }
}

extension ReadinessProbe {
    /// Required unless the adapter says otherwise.
    public var isRequired: Bool { true }
}
