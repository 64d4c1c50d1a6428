import Foundation
import Logging

/// A refreshed pair: the next access token and the refresh token to present next time.
public struct Refreshed: Hashable, Sendable {
    /// The new access token (a JWT), good until ``tokenExpiresAt``.
    public var token: String
    /// The refresh token to present next time; the one just presented stops working after the
    /// reuse interval.
    public var refreshToken: String
    /// When ``token`` expires (its `exp`).
    public var tokenExpiresAt: Date
    /// Whole seconds ``token`` lived when it was signed: the `expires_in` of the API.
    public var expiresIn: Int
    /// The session, its expiry slid.
    public var session: Session

    /// Creates the value.
    public init(token: String, refreshToken: String, tokenExpiresAt: Date, expiresIn: Int, session: Session) {
        self.token = token
        self.refreshToken = refreshToken
        self.tokenExpiresAt = tokenExpiresAt
        self.expiresIn = expiresIn
        self.session = session
    }

}

/// Trades a refresh token for a new access token and the next refresh token (docs/tokens.md,
/// "Refresh tokens").
///
/// Rotation never signs anyone out at random: the token replaced last answers with the *same*
/// successor for ``AuthConfiguration/refreshReuseInterval`` (a lost response, a retry, tabs
/// refreshing at once). An older token, or the replaced one after that interval, is reuse: someone
/// kept a copy, so the whole session ends on every instance, is audited and its owner mailed.
/// Each refresh re-reads the user (a ban ends it; the second factors are read again), slides the
/// session's expiry (``AuthConfiguration/slidingExpiry(createdAt:now:)``) and counts as use.
public struct TokenRefreshFlow: Sendable {
    let sessions: any SessionStore
    let refreshTokens: any RefreshTokenStore
    let minter: RefreshTokens
    let users: any UserStore
    let factors: SecondFactorRegistry
    let tokens: TokenSigner
    let hooks: HookRunner
    let cache: any SessionCache
    let invalidator: CacheInvalidator
    let notices: Notifier
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration
    let logger: Logger

    /// Refreshes with `refreshToken`.
    /// - Throws: `unauthorized` when the token is not one of ours, its session is over (signed
    ///   out, expired, banned user) or it was reused (the session ends here); `rate_limited` past
    ///   the per-session or per-network refresh budget; `unavailable` when a store cannot answer
    ///   (the client keeps its tokens and tries again).
    public func callAsFunction(refreshToken: String, client: ClientContext) async throws -> Refreshed {
        guard let presented = minter.parse(refreshToken) else {
            AuthMetrics.refresh(.refused)
            throw AuthError.unauthorized
        }
        try await abuse.countRefresh(of: presented.sessionID, from: client)
        let now = clock.now
        guard let session = try await sessions.session(id: presented.sessionID), session.isActive(at: now),
              let user = try await users.user(id: session.userID), !user.isBanned
        else {
            AuthMetrics.refresh(.refused)
            throw AuthError.unauthorized
        }
        // The embedder's claims are read again, as the user is, so a change shows at this refresh;
        // asked before the rotation, so a failing hook leaves the presented token as it was.
        let claims = try await hooks.customClaims(user, session)
        let successor = minter.token(for: session.id, generation: presented.generation + 1)
        let outcome = try await refreshTokens.rotate(
            session.id, presented: presented.generation, presentedHash: presented.hash,
            successorHash: RefreshTokens.hash(successor), at: now, reuseInterval: configuration.refreshReuseInterval)
        let next: String
        switch outcome {
        case .rotated:
            AuthMetrics.refresh(.rotated)
            next = successor
        case .replayed(let generation):
            AuthMetrics.refresh(.replayed)
            next = minter.token(for: session.id, generation: generation)
        case .reused:
            AuthMetrics.refresh(.reused)
            try await endReusedSession(session, of: user, client: client)
            throw AuthError.unauthorized
        case .unknown:
            AuthMetrics.refresh(.refused)
            throw AuthError.unauthorized
        }
        var slid = session
        slid.expiresAt = configuration.slidingExpiry(createdAt: session.createdAt, now: now)
        slid.lastUsedAt = max(session.lastUsedAt, now)
        // Revoked between the read and here (a logout racing the refresh): nothing is handed out.
        guard try await sessions.slide(session.id, until: slid.expiresAt, at: now) else {
            AuthMetrics.refresh(.refused)
            throw AuthError.unauthorized
        }
        await recache(CachedSession(session: slid, user: user, secondFactors: try await factors.methods(for: user)), now: now)
        let expiresAt = configuration.accessTokenExpiry(now: now, sessionExpiry: slid.expiresAt)
        let token = try await tokens.sign(slid, expiresAt: expiresAt, extraClaims: claims)
        return Refreshed(
            token: token, refreshToken: next, tokenExpiresAt: expiresAt,
            expiresIn: Int(expiresAt.timeIntervalSince(now).rounded(.down)), session: slid)
    }

    /// Ends a session whose replaced token came back, as a revocation does (store, then the cache
    /// of every instance), then audits it and mails the owner.
    private func endReusedSession(_ session: Session, of user: User, client: ClientContext) async throws {
        let now = clock.now
        let ended = try await sessions.revoke(session.id, at: now)
        // Concurrent replays all land here; one audit and one mail are enough.
        guard ended else { return }
        await audit.record(.refreshTokenReused, user: user, client: client, detail: "session:\(session.id)")
        await notices.send(MailMessage(
            to: user.email, kind: .refreshTokenReused(client: session.client.clientName, at: now)))
        try await invalidator.sessions([session.id])
    }

    /// Puts the slid session in the cache, so no instance refuses it at its old expiry. A
    /// revocation's tombstone refuses the write, so a logout is never undone by it.
    private func recache(_ entry: CachedSession, now: Date) async {
        let remaining = Duration.seconds(max(0, entry.session.expiresAt.timeIntervalSince(now)))
        do {
            try await cache.store(entry, ttl: min(configuration.sessionCacheTTL, remaining))
        } catch {
            // The cache's copy may say the old expiry; drop it so the store decides.
            logger.warning("session cache write failed after a refresh", metadata: ["error": "\(error)"])
            try? await cache.invalidate(entry.session.id)
        }
    }
}
