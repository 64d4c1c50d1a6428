import Foundation

/// `DELETE /me`: the user deletes their account (docs/api.md).
///
/// Needs a recent authentication. Sessions are revoked first, then the ``AccountEraser`` deletes
/// everything tied to the user and leaves one anonymised audit record, then the sessions leave the
/// cache, so every token of the account is refused at once on every instance. No notice is mailed: a
/// queued mail would be one more stored trace of the address the user asked to be forgotten.
public struct AccountDeletionFlow: Sendable {
    let sessions: any SessionStore
    let factors: SecondFactorRegistry
    let eraser: any AccountEraser
    let cache: CacheInvalidator
    let events: EventPublisher
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Deletes the account of `auth`.
    /// - Throws: `reauthentication_required`.
    public func callAsFunction(_ auth: Authenticated, client: ClientContext = ClientContext()) async throws {
        let now = clock.now
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        let ended = try await sessions.revokeAll(of: auth.user.id, except: nil, at: now)
        // The record keeps that an account was deleted, and when; nothing that names whose.
        let record = AuditEvent(kind: .accountDeleted, client: ClientContext(), at: now)
        try await eraser.erase(auth.user, leaving: record)
        // The event names the account, so the services that provisioned it can remove theirs.
        await events.publish(AuthEvent(
            id: record.id, type: .userDeleted, occurredAt: now, userID: auth.user.id, email: auth.user.email,
            ip: client.ip, client: client.clientName))
        // Last: when the cache cannot confirm, the account is gone anyway and the answer is 503.
        try await cache.sessions(ended, andUser: auth.user.id)
    }
}
