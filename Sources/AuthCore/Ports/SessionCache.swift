import Foundation

/// What token validation needs, cached together so a warm request touches no store.
public struct CachedSession: Hashable, Sendable, Codable {
    public var session: Session
    public var user: User
    /// The user's second-factor methods when the entry was made (invalidated with the user).
    public var secondFactors: [SecondFactorMethod]
    /// Creates an entry.
    public init(session: Session, user: User, secondFactors: [SecondFactorMethod] = []) {
        self.session = session
        self.user = user
        self.secondFactors = secondFactors
    }
}

/// A cache in front of the session and user stores, shared by every instance when it is remote.
///
/// Invalidation must be visible to every instance on its next request: revocation never waits for
/// an entry to age out.
public protocol SessionCache: Sendable {
    /// The cached entry for `id`, or `nil`.
    func cached(_ id: SessionID) async throws -> CachedSession?
    /// Caches `entry` for at most `ttl` seconds.
    func store(_ entry: CachedSession, ttl: Duration) async throws
    /// Drops the entry of one session.
    func invalidate(_ id: SessionID) async throws
    /// Drops the entries of many sessions at once (a user's "sign out everywhere else" ends
    /// thousands): a remote cache should do it in one round trip. Each id is refused afterwards
    /// exactly as after ``invalidate(_:)``.
    func invalidate(sessions ids: [SessionID]) async throws
    /// Drops the entries of every session of `userID` (password reset, MFA change, ban).
    func invalidateAll(of userID: UserID) async throws
}

extension SessionCache {
    /// One ``invalidate(_:)`` after another: correct for any cache, one round trip per session.
    public func invalidate(sessions ids: [SessionID]) async throws {
        for id in ids { try await invalidate(id) }
    }
}
