/// Turns the mailed second factor on or off for the authenticated user (the seed's
/// `PATCH /enable/mfa` and `/disable/mfa`).
public struct MFASettingsFlow: Sendable {
    let users: any UserStore
    let factors: SecondFactorRegistry
    let cache: CacheInvalidator
    let audit: Auditor
    let clock: any WallClock

    /// Switches the email method to `enabled`.
    /// - Returns: whether the user now has any second factor (the seed's `mfa_enabled`).
    public func callAsFunction(_ auth: Authenticated, enabled: Bool, client: ClientContext) async throws -> Bool {
        guard var user = try await users.user(id: auth.user.id) else { throw AuthError.unauthorized }
        if user.emailFactorEnabled != enabled {
            user.emailFactorEnabled = enabled
            user.updatedAt = clock.now
            try await users.update(user)
            await audit.record(enabled ? .mfaEnabled : .mfaDisabled, user: user, client: client)
        }
        // Cached entries carry the user and its methods; drop them so `/me` shows the change at
        // once everywhere.
        await cache.user(user.id)
        return try await !factors.methods(for: user).isEmpty
    }
}
