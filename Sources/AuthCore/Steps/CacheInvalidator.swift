import Logging

/// Drops cache entries after a revocation or a user change.
///
/// The store is the source of truth and has already been written when this runs, so a cache that
/// cannot be reached must not fail the user's request (a logout must still log out). The failure is
/// logged; the cache's own short entry lifetime (``AuthConfiguration/sessionCacheTTL``) bounds how
/// long another instance could still serve an entry that a remote cache kept through its outage.
struct CacheInvalidator: Sendable {
    let cache: any SessionCache
    let logger: Logger

    func sessions(_ ids: some Sequence<SessionID>) async {
        for id in ids {
            do {
                try await cache.invalidate(id)
            } catch {
                logger.error("session cache invalidation failed", metadata: ["session": "\(id)", "error": "\(error)"])
            }
        }
    }

    func user(_ id: UserID) async {
        do {
            try await cache.invalidateAll(of: id)
        } catch {
            logger.error("session cache invalidation failed", metadata: ["user": "\(id)", "error": "\(error)"])
        }
    }
}
