/// Ends sessions: this one, or every other one of the user.
public struct LogoutFlow: Sendable {
    let sessions: any SessionStore
    let cache: CacheInvalidator
    let audit: Auditor
    let clock: any WallClock

    /// Ends the session making the request. Its token is refused from the next request on.
    public func current(_ auth: Authenticated, client: ClientContext = ClientContext()) async throws {
        try await sessions.revoke(auth.session.id, at: clock.now)
        await audit.record(.sessionRevoked, user: auth.user, client: client, detail: "logout")
        try await cache.sessions([auth.session.id])
    }

    /// Ends one session of the user (the account page's "sign out" on a row).
    /// - Throws: `AuthError(.notFound)` when `id` is not a live session of the user.
    public func session(_ id: SessionID, of auth: Authenticated, client: ClientContext = ClientContext()) async throws {
        if id == auth.session.id { return try await current(auth, client: client) }
        guard let session = try await sessions.session(id: id), session.userID == auth.user.id,
              session.isActive(at: clock.now), try await sessions.revoke(id, at: clock.now)
        else { throw AuthError(.notFound, "no such session") }
        await audit.record(.sessionRevoked, user: auth.user, client: client, detail: "logout_one")
        try await cache.sessions([id])
    }

    /// Ends every other session of the user; the current one stays.
    /// - Returns: how many sessions ended.
    @discardableResult
    public func others(_ auth: Authenticated, client: ClientContext = ClientContext()) async throws -> Int {
        let ended = try await sessions.revokeAll(of: auth.user.id, except: auth.session.id, at: clock.now)
        await audit.record(.sessionRevoked, user: auth.user, client: client, detail: "logout_all:\(ended.count)")
        try await cache.sessions(ended)
        return ended.count
    }
}

/// Ends every session of a user and drops them from the cache (password reset, ban).
/// - Throws: `unavailable` after the store ended them when the cache could not confirm (the
///   invalidation is retried until it lands); so call it after everything else the flow records.
func endAllSessions(of userID: UserID, sessions: any SessionStore, cache: CacheInvalidator, clock: any WallClock)
    async throws
{
    let ended = try await sessions.revokeAll(of: userID, except: nil, at: clock.now)
    try await cache.sessions(ended, andUser: userID)
}
