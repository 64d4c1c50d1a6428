import Foundation

/// Which audit events an operator asks for, newest first (the admin audit log).
public struct AuditQuery: Hashable, Sendable {
    /// Only events about this user (`nil`: everyone).
    public var user: UserID?
    /// Only events of this kind (`nil`: every kind).
    public var kind: AuditEvent.Kind?
    /// Only events at or after this time.
    public var since: Date?
    /// The cursor of the previous page (``Page/next``); `nil` for the first page.
    public var cursor: String?

    /// Creates a query.
    public init(user: UserID? = nil, kind: AuditEvent.Kind? = nil, since: Date? = nil, cursor: String? = nil) {
        self.user = user
        self.kind = kind
        self.since = since
        self.cursor = cursor
    }
}
