import AuthCore
import Synchronization

/// A ``SessionCache`` that can stop taking writes, as Redis under `CLIENT PAUSE WRITE` or a
/// network split does: while ``writesFail`` is set, `store` and every invalidation throw
/// `AuthError(.unavailable)`, and reads still answer from the wrapped cache.
public final class OutageSessionCache: SessionCache {
    private let inner: any SessionCache
    private let failing = Mutex(false)

    /// Wraps `inner`.
    public init(_ inner: any SessionCache) { self.inner = inner }

    /// Whether writes fail.
    public var writesFail: Bool {
        get { failing.withLock { $0 } }
        set { failing.withLock { $0 = newValue } }
    }

    private func write() throws {
        if writesFail { throw AuthError(.unavailable, "the session cache takes no writes (injected)") }
    }

    public func cached(_ id: SessionID) async throws -> CachedSession? { try await inner.cached(id) }

    public func store(_ entry: CachedSession, ttl: Duration) async throws {
        try write()
        try await inner.store(entry, ttl: ttl)
    }

    public func invalidate(_ id: SessionID) async throws {
        try write()
        try await inner.invalidate(id)
    }

    public func invalidate(sessions ids: [SessionID]) async throws {
        try write()
        try await inner.invalidate(sessions: ids)
    }

    public func invalidateAll(of userID: UserID) async throws {
        try write()
        try await inner.invalidateAll(of: userID)
    }
}
