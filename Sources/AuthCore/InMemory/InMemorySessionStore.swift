import Foundation

/// A ``SessionStore`` in memory.
public actor InMemorySessionStore: SessionStore {
    private var byID: [SessionID: Session] = [:]
    private var idsByUser: [UserID: Set<SessionID>] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ session: Session) throws {
        guard byID[session.id] == nil else { throw AuthError(.conflict, "session exists") }
        byID[session.id] = session
        idsByUser[session.userID, default: []].insert(session.id)
    }

    public func session(id: SessionID) -> Session? { byID[id] }

    /// Every session, live or ended (``InMemoryAdminDirectory``).
    func all() -> [Session] { Array(byID.values) }

    public func activeSessions(of userID: UserID, at now: Date) -> [Session] {
        (idsByUser[userID] ?? []).compactMap { byID[$0] }.filter { $0.isActive(at: now) }
            .sorted { ($0.lastUsedAt, $0.createdAt) > ($1.lastUsedAt, $1.createdAt) }
    }

    public func revokedSessions(since: Date, limit: Int) -> [SessionID] {
        byID.values.compactMap { s in s.revokedAt.flatMap { $0 > since ? ($0, s.id) : nil } }
            .sorted { $0.0 > $1.0 }.prefix(limit).map(\.1)
    }

    public func touch(_ id: SessionID, at now: Date) {
        guard var session = byID[id], session.lastUsedAt < now else { return }
        session.lastUsedAt = now
        byID[id] = session
    }

    public func slide(_ id: SessionID, until expiresAt: Date, at now: Date) -> Bool {
        guard var session = byID[id], session.isActive(at: now) else { return false }
        session.lastUsedAt = max(session.lastUsedAt, now)
        session.expiresAt = expiresAt
        byID[id] = session
        return true
    }

    public func markAuthenticated(_ id: SessionID, at now: Date, aal: Int?) -> Bool {
        guard var session = byID[id], session.isActive(at: now) else { return false }
        session.authenticatedAt = now
        if let aal {
            session.aal = max(session.aal, aal)
            if aal >= 2 { session.secondFactorAt = now }
        }
        byID[id] = session
        return true
    }

    public func revoke(_ id: SessionID, at now: Date) -> Bool {
        guard var session = byID[id], session.revokedAt == nil else { return false }
        session.revokedAt = now
        byID[id] = session
        return true
    }

    public func revokeAll(of userID: UserID, except keep: SessionID?, at now: Date) -> [SessionID] {
        var ended: [SessionID] = []
        for id in idsByUser[userID] ?? [] where id != keep {
            if revoke(id, at: now) { ended.append(id) }
        }
        return ended
    }

    /// Deletes every session of `userID` (its ``UserDataEraser`` conformance).
    func remove(of userID: UserID) {
        for id in idsByUser.removeValue(forKey: userID) ?? [] { byID[id] = nil }
    }

    public func purge(endedBefore cutoff: Date) -> Int {
        let dead = byID.values.filter { $0.expiresAt < cutoff || ($0.revokedAt.map { $0 < cutoff } ?? false) }
        for session in dead {
            byID[session.id] = nil
            idsByUser[session.userID]?.remove(session.id)
        }
        return dead.count
    }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemorySessionStore {
    public func eraseData(of user: User) { remove(of: user.id) }
}
