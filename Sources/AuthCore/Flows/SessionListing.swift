import Foundation

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

/// Lists a user's live sessions, the current one marked primary, most recently used first, a page
/// at a time: an account can hold thousands (docs/api.md, "Paged lists").
public struct SessionListing: Sendable {
    let sessions: any SessionStore
    let clock: any WallClock

    /// Sessions per page when the caller names no limit.
    public static let defaultPageSize = 100
    /// The most sessions one page may hold.
    public static let maximumPageSize = 500

    /// The first page of the live sessions of the authenticated user.
    public func callAsFunction(_ auth: Authenticated) async throws -> [SessionSummary] {
        try await page(auth, cursor: nil, limit: nil).items
    }

    /// One page of the live sessions of the authenticated user.
    /// - Parameters:
    ///   - cursor: the previous page's `next`, or `nil` for the first page.
    ///   - limit: sessions per page (1 to ``maximumPageSize``; default ``defaultPageSize``).
    /// - Throws: `invalid_request` for a malformed cursor or a limit out of range.
    public func page(_ auth: Authenticated, cursor: String?, limit: Int?) async throws -> Page<SessionSummary> {
        let page = try await Self.page(of: auth.user.id, in: sessions, at: clock.now, cursor: cursor, limit: limit)
        return Page(
            items: page.items.map { SessionSummary(primary: $0.id == auth.session.id, session: $0.id == auth.session.id ? auth.session : $0) },
            next: page.next)
    }

    /// One page of `userID`'s live sessions (shared with the admin listing).
    static func page(
        of userID: UserID, in sessions: any SessionStore, at now: Date, cursor: String?, limit: Int?
    ) async throws -> Page<Session> {
        let size = limit ?? defaultPageSize
        guard (1...maximumPageSize).contains(size) else {
            throw AuthError.invalidRequest("limit must be 1 to \(maximumPageSize)")
        }
        let after = try cursor.map(SessionCursor.init)
        // One more than asked: whether it exists says whether a next page does.
        let rows = try await sessions.activeSessions(of: userID, at: now, after: after, limit: size + 1)
        let items = Array(rows.prefix(size))
        return Page(items: items, next: rows.count > size ? items.last.map { SessionCursor(after: $0).description } : nil)
    }
}
