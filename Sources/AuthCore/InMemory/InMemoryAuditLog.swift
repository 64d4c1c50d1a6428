/// An ``AuditLog`` in memory, keeping the most recent events (default 10 000).
public actor InMemoryAuditLog: AuditLog {
    /// Each event with its insertion number, the keyset of the admin audit log's paging.
    private var entries: [(seq: Int, event: AuditEvent)] = []
    private var nextSeq = 1
    private let capacity: Int

    /// Creates an empty log that keeps at most `capacity` events.
    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    public func record(_ event: AuditEvent) {
        entries.append((nextSeq, event))
        nextSeq += 1
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    /// Forgets `userID` as the PostgreSQL audit log does (``AuditLog``): its events
    /// go, and those naming `email` without an account; admin actions on it stay without it, and
    /// its own admin actions on others stay without their actor.
    func remove(of userID: UserID, email: EmailAddress) {
        for index in entries.indices {
            var event = entries[index].event
            if event.userID == userID, let actor = event.actorID, actor != userID {
                event.userID = nil
                event.email = nil
            }
            if event.actorID == userID, event.userID != userID { event.actorID = nil }
            entries[index].event = event
        }
        entries.removeAll {
            $0.event.userID == userID || ($0.event.userID == nil && $0.event.actorID == nil && $0.event.email == email)
        }
    }

    public func events(of userID: UserID, limit: Int) -> [AuditEvent] {
        Array(entries.reversed().lazy.filter { $0.event.userID == userID }.map(\.event).prefix(limit))
    }

    /// Every kept event with its insertion number, oldest first (``InMemoryAdminDirectory``).
    func numbered() -> [(seq: Int, event: AuditEvent)] { entries }
}

/// Forgetting a user (``UserDataEraser``).
extension InMemoryAuditLog {
    /// Forgets the user as ``AuditLog`` describes.
    public func eraseData(of user: User) { remove(of: user.id, email: user.email) }
}
