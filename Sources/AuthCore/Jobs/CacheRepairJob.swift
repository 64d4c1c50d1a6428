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
        // The replay needs the store; one that is down at start is asked again every 40 intervals
        // (10 s by default), each failure logged once.
        var replayed = false
        var round = 0
        while !Task.isCancelled {
            if !replayed, round % 40 == 0 { replayed = await replayRecentRevocations() }
            round += 1
            await repairOnce()
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Queues every session revoked within the cache's entry lifetime: only those can still have
    /// an entry, and a previous process may have been waiting to drop it.
    /// - Returns: whether the store answered (`false`: try again later).
    @discardableResult
    public func replayRecentRevocations() async -> Bool {
        do {
            let since = clock.now.addingTimeInterval(-entryLifetime.timeInterval)
            let ids = try await sessions.revokedSessions(since: since, limit: 100_000)
            if !ids.isEmpty { invalidator.pending.add(PendingInvalidations.Work(sessions: Set(ids))) }
            return true
        } catch {
            logger.warning("could not read recent revocations to drop them from the session cache again", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Tries once to land everything that waits.
    /// - Returns: whether nothing waits any more.
    @discardableResult
    public func repairOnce() async -> Bool {
        // A copy: the work stays pending (and this instance keeps reading past its cache) until
        // the cache confirms it.
        let work = invalidator.pending.snapshot()
        guard !work.isEmpty else { return true }
        do {
            try await invalidator.apply(work)
            invalidator.pending.remove(work)
            logger.notice(
                "session cache invalidations landed",
                metadata: ["sessions": "\(work.sessions.count)", "users": "\(work.users.count)"])
            return true
        } catch {
            return false
        }
    }
}
