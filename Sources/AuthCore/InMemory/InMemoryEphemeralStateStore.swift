import Foundation

/// An ``EphemeralStateStore`` in memory, with expiry from an injected clock.
///
/// Per instance only: a flow that may start and finish on different instances needs a shared store
/// (Redis).
public actor InMemoryEphemeralStateStore: EphemeralStateStore {
    private struct Entry {
        var value: [UInt8]
        var expiresAt: Date
    }
    private var entries: [String: Entry] = [:]
    private let clock: any WallClock
    private var lastSweep = Date.distantPast

    /// Creates an empty store.
    /// - Parameter clock: time source for expiry.
    public init(clock: any WallClock = SystemClock()) { self.clock = clock }

    public func put(_ key: String, value: [UInt8], ttl: Duration) -> Bool {
        let now = clock.now
        sweep(now: now)
        if let existing = entries[key], existing.expiresAt > now { return false }
        let lifetime = TimeInterval(ttl.ttlMilliseconds) / 1000
        entries[key] = Entry(value: value, expiresAt: now.addingTimeInterval(lifetime))
        return true
    }

    public func take(_ key: String) -> [UInt8]? {
        guard let entry = entries.removeValue(forKey: key) else { return nil }
        return entry.expiresAt > clock.now ? entry.value : nil
    }

    /// Drops expired entries now and then, so memory follows the number of live keys.
    private func sweep(now: Date) {
        guard now.timeIntervalSince(lastSweep) > 60 else { return }
        lastSweep = now
        entries = entries.filter { $0.value.expiresAt > now }
    }
}
