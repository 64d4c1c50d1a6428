import AuthCore
import Synchronization

/// A ``SessionCache`` that can stop taking writes, as Redis under `CLIENT PAUSE WRITE` or a
/// network split does: while ``writesFail`` is set, `store` and every invalidation throw
/// `AuthError(.unavailable)`; while writes are held (``holdWrites()``) they wait, as a paused
/// Redis makes them wait. Reads still answer from the wrapped cache either way.
public final class OutageSessionCache: SessionCache {
    private let inner: any SessionCache
    private let failing = Mutex(false)
    /// Set while writes are held: the writers waiting for ``releaseWrites()``.
    private let held = Mutex<[CheckedContinuation<Void, Never>]?>(nil)

    /// Wraps `inner`.
    public init(_ inner: any SessionCache) { self.inner = inner }

    /// Whether writes fail.
    public var writesFail: Bool {
        get { failing.withLock { $0 } }
        set { failing.withLock { $0 = newValue } }
    }

    /// Makes every write wait until ``releaseWrites()``.
    public func holdWrites() { held.withLock { if $0 == nil { $0 = [] } } }

    /// Lets the held writes, and later ones, through.
    public func releaseWrites() {
        for writer in held.withLock({ list in defer { list = nil }; return list ?? [] }) { writer.resume() }
    }

    /// Whether a write is waiting on ``holdWrites()``.
    public var isHoldingAWrite: Bool { held.withLock { !($0?.isEmpty ?? true) } }

    private func write() async throws {
        await withCheckedContinuation { (writer: CheckedContinuation<Void, Never>) in
            let waits = held.withLock { list -> Bool in
                guard list != nil else { return false }
                list?.append(writer)
                return true
            }
            if !waits { writer.resume() }
        }
        if writesFail { throw AuthError(.unavailable, "the session cache takes no writes (injected)") }
    }

    public func cached(_ id: SessionID) async throws -> CachedSession? { try await inner.cached(id) }

    public func store(_ entry: CachedSession, ttl: Duration) async throws {
        try await write()
        try await inner.store(entry, ttl: ttl)
    }

    public func invalidate(_ id: SessionID) async throws {
        try await write()
        try await inner.invalidate(id)
    }

    public func invalidate(sessions ids: [SessionID]) async throws {
        try await write()
        try await inner.invalidate(sessions: ids)
    }

    public func invalidateAll(of userID: UserID) async throws {
        try await write()
        try await inner.invalidateAll(of: userID)
    }
}
