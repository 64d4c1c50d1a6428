import Synchronization

/// Cache invalidations that could not be confirmed yet, kept until they land.
///
/// A revocation is written to the store first; the session cache (Redis, shared by every
/// instance) must then drop the entry, or other instances keep serving it. When the cache cannot
/// be reached, the invalidation waits here and is retried (``CacheRepairJob``) until it lands, so
/// a revocation is bounded by the cache's outage, not by the entry's lifetime. Work is added
/// before its first attempt and removed only once it landed, so from the revocation on this
/// instance reads those sessions from the store, past its own cache, even while a retry is under
/// way (a cache that takes reads but blocks writes answers with the stale entry meanwhile).
///
/// A lock-guarded value (`Mutex`), so the token check can ask it without an actor hop.
final class PendingInvalidations: Sendable {
    struct Work: Sendable, Hashable {
        var sessions: Set<SessionID> = []
        var users: Set<UserID> = []
        var isEmpty: Bool { sessions.isEmpty && users.isEmpty }
    }
    private let state = Mutex(Work())

    /// Adds work that has not landed yet.
    func add(_ work: Work) {
        state.withLock { pending in
            pending.sessions.formUnion(work.sessions)
            pending.users.formUnion(work.users)
            // Under the lock, so the gauge never shows a count older than the set's.
            AuthMetrics.pendingInvalidations(pending.sessions.count + pending.users.count)
        }
    }

    /// Removes work that landed.
    func remove(_ work: Work) {
        state.withLock { pending in
            guard !pending.isEmpty else { return }
            pending.sessions.subtract(work.sessions)
            pending.users.subtract(work.users)
            AuthMetrics.pendingInvalidations(pending.sessions.count + pending.users.count)
        }
    }

    /// Everything waiting now; it stays until ``remove(_:)``.
    func snapshot() -> Work { state.withLock { $0 } }

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
