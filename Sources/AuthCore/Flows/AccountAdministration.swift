/// Operator actions on accounts.
public struct AccountAdministration: Sendable {
    let users: any UserStore
    let sessions: any SessionStore
    let cache: CacheInvalidator
    let clock: any WallClock

    /// Bans or unbans a user. A ban ends every session at once and refuses new sign-ins.
    public func setBanned(_ userID: UserID, _ banned: Bool) async throws {
        try await users.setBanned(userID, banned, at: clock.now)
        if banned {
            try await endAllSessions(of: userID, sessions: sessions, cache: cache, clock: clock)
        } else {
            await cache.user(userID)
        }
    }
}
