import Foundation

/// The durable record of sessions.
public protocol SessionStore: UserDataEraser {
    /// Inserts a new session.
    func insert(_ session: Session) async throws
    /// The session with `id` (live, revoked or expired), or `nil`.
    func session(id: SessionID) async throws -> Session?
    /// The user's sessions that are active at `now`, most recently used first.
    func activeSessions(of userID: UserID, at now: Date) async throws -> [Session]
    /// One page of ``activeSessions(of:at:)``: at most `limit` sessions, most recently used first,
    /// then most recently created, then by id (descending), starting after `cursor`.
    func activeSessions(of userID: UserID, at now: Date, after cursor: SessionCursor?, limit: Int) async throws
        -> [Session]
    /// Records use of a session.
    func touch(_ id: SessionID, at now: Date) async throws
    /// Records a refresh of a live session: used at `now`, and expiring at `expiresAt` from now on
    /// (sliding sessions, docs/tokens.md).
    /// - Returns: whether a live session was updated.
    @discardableResult
    func slide(_ id: SessionID, until expiresAt: Date, at now: Date) async throws -> Bool
    /// Records that a live session proved its user again (reauthentication).
    /// - Parameter aal: when the proof was a second factor, `2`: the session's `aal` is raised to
    ///   it (never lowered); `nil` leaves it.
    /// - Returns: whether a live session was updated.
    @discardableResult
    func markAuthenticated(_ id: SessionID, at now: Date, aal: Int?) async throws -> Bool
    /// Ends one session. Returns whether a live session was revoked.
    @discardableResult
    func revoke(_ id: SessionID, at now: Date) async throws -> Bool
    /// Ends every live session of `userID` except `keep`, returning the ids it revoked.
    @discardableResult
    func revokeAll(of userID: UserID, except keep: SessionID?, at now: Date) async throws -> [SessionID]
    /// Deletes sessions that expired or were revoked before `cutoff`; returns how many.
    @discardableResult
    func purge(endedBefore cutoff: Date) async throws -> Int
    /// Sessions revoked after `since`, most recent first, at most `limit`. A starting instance asks
    /// the session cache to drop these again (``CacheRepairJob``), so an invalidation that waited
    /// for the cache in an instance that then stopped is not lost with it.
    func revokedSessions(since: Date, limit: Int) async throws -> [SessionID]
}

extension SessionStore {
    /// None: a store that cannot list them leaves a restart to the cache's entry lifetime.
    public func revokedSessions(since: Date, limit: Int) async throws -> [SessionID] { [] }

    /// The page cut from the whole list: right for any store, and enough for one kept in memory.
    public func activeSessions(of userID: UserID, at now: Date, after cursor: SessionCursor?, limit: Int) async throws
        -> [Session]
    {
        let ordered = try await activeSessions(of: userID, at: now).sorted {
            ($0.lastUsedAt, $0.createdAt, $0.id.rawValue.uuidString) > ($1.lastUsedAt, $1.createdAt, $1.id.rawValue.uuidString)
        }
        return Array(ordered.lazy.filter { cursor?.precedes($0) ?? true }.prefix(limit))
    }
}
