/// An ``AuditLog`` in memory, keeping the most recent events (default 10 000).
public actor InMemoryAuditLog: AuditLog {
    private var events: [AuditEvent] = []
    private let capacity: Int

    /// Creates an empty log that keeps at most `capacity` events.
    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    public func record(_ event: AuditEvent) {
        events.append(event)
        if events.count > capacity { events.removeFirst(events.count - capacity) }
    }

    /// Deletes the events that name `userID` or `email` (``InMemoryAccountEraser``).
    func remove(of userID: UserID, email: EmailAddress) {
        events.removeAll { $0.userID == userID || $0.email == email }
    }

    public func events(of userID: UserID, limit: Int) -> [AuditEvent] {
        Array(events.reversed().lazy.filter { $0.userID == userID }.prefix(limit))
    }
}
