import Foundation

/// `DELETE /me`: the user deletes their account (DESIGN section 14).
///
/// Needs a recent authentication. Sessions are revoked and dropped from the cache first, so every
/// token of the account is refused at once on every instance, then the ``AccountEraser`` deletes
/// everything tied to the user and leaves one anonymised audit record. No notice is mailed: a
/// queued mail would be one more stored trace of the address the user asked to be forgotten.
public struct AccountDeletionFlow: Sendable {
    let sessions: any SessionStore
    let factors: SecondFactorRegistry
    let eraser: any AccountEraser
    let cache: CacheInvalidator
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Deletes the account of `auth`.
    /// - Throws: `reauthentication_required`.
    public func callAsFunction(_ auth: Authenticated, client: ClientContext) async throws {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        try await endAllSessions(of: auth.user.id, sessions: sessions, cache: cache, clock: clock)
        // The record keeps that an account was deleted, and when; nothing that names whose.
        let record = AuditEvent(kind: .accountDeleted, client: ClientContext(), at: now)
        try await eraser.erase(auth.user, leaving: record)
        await cache.user(auth.user.id)
    }
}
