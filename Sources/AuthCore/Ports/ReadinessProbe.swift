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
    /// - Throws: an `AuthError` (normally `.unavailable`) when it does not answer.
    func check() async throws
}

extension ReadinessProbe {
    /// Required unless the adapter says otherwise.
    public var isRequired: Bool { true }
}
