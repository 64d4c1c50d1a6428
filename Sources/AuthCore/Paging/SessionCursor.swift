import Foundation

/// Where a page of a user's sessions ended, in their listing order (most recently used first,
/// then most recently created, then by id): the next page starts after it.
///
/// Travels as an opaque, URL-safe string (``description``). It carries the exact `Date` values,
/// so a store compares them without rounding.
public struct SessionCursor: Hashable, Sendable, CustomStringConvertible {
    public var lastUsedAt: Date
    public var createdAt: Date
    public var id: SessionID

    /// The position of `session`.
    public init(after session: Session) {
        lastUsedAt = session.lastUsedAt
        createdAt = session.createdAt
        id = session.id
    }

    /// Reads a cursor a previous page handed out.
    /// - Throws: `invalid_request` for anything else.
    public init(_ text: String) throws {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let used = UInt64(parts[0], radix: 16), let created = UInt64(parts[1], radix: 16),
              let id = SessionID(uuidString: String(parts[2]))
        else { throw AuthError.invalidRequest("malformed cursor") }
        let (usedSeconds, createdSeconds) = (Double(bitPattern: used), Double(bitPattern: created))
        // Any bits decode to a Double; only a plausible moment (not NaN, not beyond year ±5000)
        // may reach a store, whose timestamp conversion would trap on it.
        guard abs(usedSeconds) < 1e11, abs(createdSeconds) < 1e11 else { throw AuthError.invalidRequest("malformed cursor") }
        lastUsedAt = Date(timeIntervalSinceReferenceDate: usedSeconds)
        createdAt = Date(timeIntervalSinceReferenceDate: createdSeconds)
        self.id = id
    }

    public var description: String {
        String(lastUsedAt.timeIntervalSinceReferenceDate.bitPattern, radix: 16) + "."
            + String(createdAt.timeIntervalSinceReferenceDate.bitPattern, radix: 16) + "." + id.description
    }

    /// Whether `session` comes after this position in the listing order.
    public func precedes(_ session: Session) -> Bool {
        (session.lastUsedAt, session.createdAt, session.id.rawValue.uuidString)
            < (lastUsedAt, createdAt, id.rawValue.uuidString)
    }
}
