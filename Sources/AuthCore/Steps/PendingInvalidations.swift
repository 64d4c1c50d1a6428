import Synchronization

/// Cache invalidations that could not be confirmed yet, kept until they land.
///
/// A revocation is written to the store first; the session cache (Redis, shared by every
/// instance) must then drop the entry, or other instances keep serving it. When the cache cannot
/// be reached, the invalidation waits here and is retried (``CacheRepairJob``) until it lands, so
/// a revocation is bounded by the cache's outage, not by the entry's lifetime. Meanwhile this
/// instance reads those sessions from the store, past its own cache.
///
/// A lock-guarded value (`Mutex`), so the token check can ask it without an actor hop.
final class PendingInvalidations: Sendable {
    struct Work: Sendable, Hashable {
        var sessions: Set<SessionID> = []
        var users: Set<UserID> = []
        var isEmpty: Bool { sessions.isEmpty && users.isEmpty }
    }
    private let state = Mutex(Work())

    /// Adds work that did not land.
    func add(_ work: Work) {
        let count = state.withLock { pending in
            pending.sessions.formUnion(work.sessions)
            pending.users.formUnion(work.users)
            return pending.sessions.count + pending.users.count
        }
        AuthMetrics.pendingInvalidations(count)
    }

    /// Takes everything waiting (put it back with ``add(_:)`` if it fails again).
    func takeAll() -> Work {
        let work = state.withLock { pending in
            defer { pending = Work() }
            return pending
        }
        if !work.isEmpty { AuthMetrics.pendingInvalidations(0) }
        return work
    }

    /// Whether nothing waits.
    var isEmpty: Bool { state.withLock { $0.isEmpty } }

    /// Whether a cached entry for this session (or user) may be stale because its invalidation has
    /// not landed yet.
    func covers(session: SessionID, user: UserID) -> Bool {
        state.withLock { pending in
            !pending.isEmpty && (pending.sessions.contains(session) || pending.users.contains(user))
        }
    }
}
