import Foundation

/// A ``SessionCache`` in memory, with expiry from an injected clock.
///
/// An invalidated session id is remembered (a tombstone, kept as long as any entry could live), and
/// so is a user whose sessions were all invalidated, so a request that read a session before it
/// was revoked cannot put it back into the cache afterwards.
///
/// With `maximumTTL` zero nothing is ever cached: every request reads through to the stores. That
/// is what authd uses with a database but no shared cache, so that a revocation through one
/// instance holds on every other at once.
public actor InMemorySessionCache: SessionCache {
    private struct Entry {
        var value: CachedSession
        var expiresAt: Date
    }
    private var entries: [SessionID: Entry] = [:]
    private var tombstones: [SessionID: Date] = [:]
    private var userTombstones: [UserID: Date] = [:]
    private let clock: any WallClock
    private let maximumTTL: Duration

    /// Creates an empty cache.
    /// - Parameters:
    ///   - clock: time source for expiry.
    ///   - maximumTTL: the longest an entry may live, whatever `store` asks (default 5 minutes;
    ///     zero caches nothing).
    public init(clock: any WallClock = SystemClock(), maximumTTL: Duration = .seconds(300)) {
        self.clock = clock
        self.maximumTTL = maximumTTL
    }

    public func cached(_ id: SessionID) -> CachedSession? {
        let now = clock.now
        guard let entry = entries[id] else { return nil }
        guard entry.expiresAt > now else {
            entries[id] = nil
            return nil
        }
        return entry.value
    }

    public func store(_ entry: CachedSession, ttl: Duration) {
        let now = clock.now
        sweepIfLarge(now: now)
        let id = entry.session.id
        if let tombstone = tombstones[id], tombstone > now { return }
        if let tombstone = userTombstones[entry.user.id], tombstone > now { return }
        let lifetime = min(ttl, maximumTTL).timeInterval
        guard lifetime > 0 else { return }
        entries[id] = Entry(value: entry, expiresAt: now.addingTimeInterval(lifetime))
    }

    public func invalidate(_ id: SessionID) {
        entries[id] = nil
        tombstones[id] = clock.now.addingTimeInterval(maximumTTL.timeInterval)
    }

    public func invalidate(sessions ids: [SessionID]) {
        for id in ids { invalidate(id) }
    }

    public func invalidateAll(of userID: UserID) {
        for (id, entry) in entries where entry.value.user.id == userID { entries[id] = nil }
        userTombstones[userID] = clock.now.addingTimeInterval(maximumTTL.timeInterval)
    }

    private func sweepIfLarge(now: Date) {
        guard entries.count + tombstones.count + userTombstones.count > 100_000 else { return }
        entries = entries.filter { $0.value.expiresAt > now }
        tombstones = tombstones.filter { $0.value > now }
        userTombstones = userTombstones.filter { $0.value > now }
    }
}
