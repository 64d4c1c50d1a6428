/// Turns the mailed second factor on or off for the authenticated user.
public struct MFASettingsFlow: Sendable {
    let users: any UserStore
    let cache: CacheInvalidator
    let audit: Auditor
    let clock: any WallClock

    /// Sets MFA to `enabled` and returns the new state.
    public func callAsFunction(_ auth: Authenticated, enabled: Bool, client: ClientContext) async throws -> Bool {
        guard var user = try await users.user(id: auth.user.id) else { throw AuthError.unauthorized }
        if user.mfaEnabled != enabled {
            user.mfaEnabled = enabled
            user.updatedAt = clock.now
            try await users.update(user)
            await audit.record(enabled ? .mfaEnabled : .mfaDisabled, user: user, client: client)
        }
        // Cached entries carry the user; drop them so `/me` shows the change at once everywhere.
        await cache.user(user.id)
        return user.mfaEnabled
    }
}
