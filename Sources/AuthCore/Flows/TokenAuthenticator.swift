import Foundation
import Logging

/// A request's proven identity: the live session and its user.
public struct Authenticated: Hashable, Sendable {
    public var session: Session
    public var user: User
    /// The user's second-factor methods (empty: no MFA).
    public var secondFactors: [SecondFactorMethod]
    /// Creates the value.
    public init(session: Session, user: User, secondFactors: [SecondFactorMethod] = []) {
        self.session = session
        self.user = user
        self.secondFactors = secondFactors
    }

    /// Whether the user has any second factor: the `mfa_enabled` of `/me`.
    public var mfaEnabled: Bool { !secondFactors.isEmpty }
}

/// Validates a bearer token on every authenticated request (the hot path).
///
/// Checks, in order: signature and algorithm (HS256 only), `exp`, then the session itself: it must
/// exist, belong to the token's user, be neither revoked nor expired, and its user must not be
/// banned. The session and user come from the ``SessionCache`` when warm and from the stores
/// otherwise; a cache failure falls back to the stores with a warning instead of failing the request.
public struct TokenAuthenticator: Sendable {
    let tokens: TokenSigner
    let sessions: any SessionStore
    let users: any UserStore
    let cache: any SessionCache
    /// Invalidations this instance could not land yet: their cached entries are not trusted.
    let pending: PendingInvalidations
    let factors: SecondFactorRegistry
    let clock: any WallClock
    let configuration: AuthConfiguration
    let logger: Logger

    /// Authenticates `token`.
    /// - Throws: `AuthError.unauthorized` for any reason, never saying which.
    public func callAsFunction(token: String) async throws -> Authenticated {
        let (userID, sessionID) = try await tokens.verify(token)
        return try await authenticated(userID: userID, sessionID: sessionID)
    }

    /// The live session `sessionID` of `userID`: what a verified token names, checked as a
    /// session token is (revoked, expired, banned), through the cache.
    /// - Throws: `AuthError.unauthorized` when it is not live.
    func authenticated(userID: UserID, sessionID: SessionID) async throws -> Authenticated {
        let now = clock.now
        guard var entry = try await lookUp(sessionID), entry.session.userID == userID, entry.user.id == userID,
              entry.session.isActive(at: now), !entry.user.isBanned
        else { throw AuthError.unauthorized }
        if now.timeIntervalSince(entry.session.lastUsedAt) >= configuration.lastUsedResolution.timeInterval {
            try await sessions.touch(sessionID, at: now)
            entry.session.lastUsedAt = now
            await cacheStore(entry, now: now)
        }
        return Authenticated(session: entry.session, user: entry.user, secondFactors: entry.secondFactors)
    }

    private func lookUp(_ id: SessionID) async throws -> CachedSession? {
        do {
            if let hit = try await cache.cached(id) {
                // An entry whose invalidation has not landed is stale: the store decides.
                if !pending.covers(session: id, user: hit.user.id) {
                    AuthMetrics.sessionCache(.hit)
                    return hit
                }
            }
            AuthMetrics.sessionCache(.miss)
        } catch {
            AuthMetrics.sessionCache(.error)
            logger.warning("session cache unavailable; reading the store", metadata: ["error": "\(error)"])
        }
        guard let session = try await sessions.session(id: id),
              let user = try await users.user(id: session.userID)
        else { return nil }
        let entry = CachedSession(session: session, user: user, secondFactors: try await factors.methods(for: user))
        if session.isActive(at: clock.now) { await cacheStore(entry, now: clock.now) }
        return entry
    }

    private func cacheStore(_ entry: CachedSession, now: Date) async {
        // Never cache beyond the session's own expiry.
        let remaining = Duration.seconds(max(0, entry.session.expiresAt.timeIntervalSince(now)))
        do {
            try await cache.store(entry, ttl: min(configuration.sessionCacheTTL, remaining))
        } catch {
            logger.warning("session cache write failed", metadata: ["error": "\(error)"])
        }
    }
}
