/// One row of "my sessions".
public struct SessionSummary: Hashable, Sendable {
    /// Whether this is the session making the request.
    public var primary: Bool
    public var session: Session
    /// Creates a row.
    public init(primary: Bool, session: Session) {
        self.primary = primary
        self.session = session
    }
}

/// Lists a user's live sessions, the current one marked primary, most recently used first.
public struct SessionListing: Sendable {
    let sessions: any SessionStore
    let clock: any WallClock

    /// The live sessions of the authenticated user.
    public func callAsFunction(_ auth: Authenticated) async throws -> [SessionSummary] {
        let live = try await sessions.activeSessions(of: auth.user.id, at: clock.now)
        return live
            .map { SessionSummary(primary: $0.id == auth.session.id, session: $0.id == auth.session.id ? auth.session : $0) }
            .sorted { ($0.session.lastUsedAt, $0.session.createdAt) > ($1.session.lastUsedAt, $1.session.createdAt) }
    }
}
