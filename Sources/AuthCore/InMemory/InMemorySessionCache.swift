import Foundation

/// A ``SessionCache`` in memory, with expiry from an injected clock.
///
/// An invalidated session id is remembered (a tombstone, kept as long as any entry could live), so a
/// request that read the session before it was revoked cannot put it back into the cache afterwards.
public actor InMemorySessionCache: SessionCache {
    private struct Entry {
        var value: CachedSession
        var expiresAt: Date
    }
    private var entries: [SessionID: Entry] = [:]
    private var tombstones: [SessionID: Date] = [:]
    private let clock: any WallClock
    private let maximumTTL: Duration

    /// Creates an empty cache.
    /// - Parameters:
    ///   - clock: time source for expiry.
    ///   - maximumTTL: the longest an entry may live, whatever `store` asks (default 5 minutes).
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
        let seconds = min(ttl, maximumTTL).components.seconds
        guard seconds > 0 else { return }
        entries[id] = Entry(value: entry, expiresAt: now.addingTimeInterval(TimeInterval(seconds)))
    }

    public func invalidate(_ id: SessionID) {
        entries[id] = nil
        tombstones[id] = clock.now.addingTimeInterval(TimeInterval(maximumTTL.components.seconds))
    }

    public func invalidateAll(of userID: UserID) {
        for (id, entry) in entries where entry.value.user.id == userID { entries[id] = nil }
    }

    private func sweepIfLarge(now: Date) {
        guard entries.count + tombstones.count > 100_000 else { return }
        entries = entries.filter { $0.value.expiresAt > now }
        tombstones = tombstones.filter { $0.value > now }
    }
}
