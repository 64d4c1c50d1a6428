import Logging

/// Drops cache entries after a revocation or a user change, and does not let one be lost.
///
/// The store is the source of truth and has already been written when this runs. The session
/// cache is shared by every instance, so until it drops the entry other instances keep accepting
/// the session. An invalidation is tried until it lands or the request's patience
/// (``AuthConfiguration/cacheInvalidationPatience``) is spent; then it is kept in
/// ``PendingInvalidations`` and retried by ``CacheRepairJob`` until the cache answers, and the
/// request fails with `unavailable` (503): the change is saved, but not yet confirmed everywhere.
/// What a client and an operator see is in docs/operations.md ("When the session cache cannot be
/// written").
struct CacheInvalidator: Sendable {
    let cache: any SessionCache
    let pending: PendingInvalidations
    let patience: Duration
    let logger: Logger

    /// Drops the entries of `ids`.
    /// - Throws: `unavailable` when the cache did not confirm within the patience (it is retried).
    func sessions(_ ids: some Collection<SessionID>) async throws {
        guard !ids.isEmpty else { return }
        try await deliver(PendingInvalidations.Work(sessions: Set(ids)))
    }

    /// Drops the entries of `ids` and every entry of `user`, as one piece of work (so neither is
    /// lost when the other cannot be confirmed).
    /// - Throws: `unavailable` when the cache did not confirm within the patience (it is retried).
    func sessions(_ ids: some Collection<SessionID>, andUser user: UserID) async throws {
        try await deliver(PendingInvalidations.Work(sessions: Set(ids), users: [user]))
    }

    /// Drops every entry of `id` (the user changed: second factors, an unban). Not a revocation:
    /// the request does not wait, and an invalidation the cache refuses is retried until it lands
    /// while this instance reads the user from the store.
    func user(_ id: UserID) async {
        let work = PendingInvalidations.Work(users: [id])
        pending.add(work)
        do {
            try await apply(work)
            pending.remove(work)
        } catch {
            logger.warning("session cache invalidation deferred until the cache is back", metadata: ["error": "\(error)"])
        }
    }

    private func deliver(_ work: PendingInvalidations.Work) async throws {
        // Pending from the first attempt on: until the cache confirms, this instance must not
        // trust its entries for these sessions.
        pending.add(work)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: patience)
        var pause = Duration.milliseconds(50)
        while true {
            do {
                try await apply(work)
                pending.remove(work)
                return
            } catch {
                guard clock.now.advanced(by: pause) < deadline, !Task.isCancelled else {
                    logger.error(
                        "session cache invalidation not confirmed; retrying until the cache takes it",
                        metadata: ["sessions": "\(work.sessions.count)", "users": "\(work.users.count)", "error": "\(error)"])
                    throw AuthError(
                        .unavailable, "the change is saved but not yet confirmed on every server; it completes once the session cache is back")
                }
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(500))
        }
    }

    /// Applies `work` to the cache: one batch for the sessions, one call per user.
    func apply(_ work: PendingInvalidations.Work) async throws {
        if !work.sessions.isEmpty { try await cache.invalidate(sessions: Array(work.sessions)) }
        for user in work.users { try await cache.invalidateAll(of: user) }
    }
}
