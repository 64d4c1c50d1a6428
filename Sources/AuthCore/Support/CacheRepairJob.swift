import Foundation
import Logging

/// Lands the session-cache invalidations that could not be confirmed during their request.
///
/// A long-running service in the swift-service-lifecycle style: ``run()`` first replays the
/// revocations recent enough to have a cache entry still (an instance that stopped with
/// invalidations waiting took them along: the store still knows them), then retries whatever
/// waits every ``interval`` until its task is cancelled. Run one per ``AuthService`` (authd
/// does); without it a waiting invalidation lands only with the next one this instance makes.
/// docs/operations.md, "When the session cache cannot be written".
public struct CacheRepairJob: Sendable {
    let invalidator: CacheInvalidator
    let sessions: any SessionStore
    let clock: any WallClock
    /// The longest an entry can live in the cache (``AuthConfiguration/sessionCacheTTL``).
    let entryLifetime: Duration
    let logger: Logger
    /// Time between retries while something waits (default 250 ms).
    public var interval: Duration = .milliseconds(250)

    /// Replays recent revocations, then retries what waits, every ``interval``, until the task is
    /// cancelled.
    public func run() async {
        await replayRecentRevocations()
        while !Task.isCancelled {
            await repairOnce()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Queues every session revoked within the cache's entry lifetime: only those can still have
    /// an entry, and a previous process may have been waiting to drop it.
    public func replayRecentRevocations() async {
        do {
            let since = clock.now.addingTimeInterval(-entryLifetime.timeInterval)
            let ids = try await sessions.revokedSessions(since: since, limit: 100_000)
            if !ids.isEmpty { invalidator.pending.add(PendingInvalidations.Work(sessions: Set(ids))) }
        } catch {
            logger.warning("could not read recent revocations to drop them from the session cache again", metadata: ["error": "\(error)"])
        }
    }

    /// Tries once to land everything that waits.
    /// - Returns: whether nothing waits any more.
    @discardableResult
    public func repairOnce() async -> Bool {
        let work = invalidator.pending.takeAll()
        guard !work.isEmpty else { return true }
        do {
            try await invalidator.apply(work)
            logger.notice(
                "session cache invalidations landed",
                metadata: ["sessions": "\(work.sessions.count)", "users": "\(work.users.count)"])
            return true
        } catch {
            invalidator.pending.add(work)
            return false
        }
    }
}
