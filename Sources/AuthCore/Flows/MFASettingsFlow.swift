/// Turns the mailed second factor on or off for the authenticated user (the seed's
/// `PATCH /enable/mfa` and `/disable/mfa`).
///
/// Switching it on needs nothing more than the session, as in the seed. Switching it off weakens
/// the account, so it needs a recent authentication (the session signed in, or reauthenticated,
/// within ``AuthConfiguration/recentAuthenticationWindow``) and mails the owner a notice: a stolen
/// token alone cannot strip the second factor quietly.
public struct MFASettingsFlow: Sendable {
    let users: any UserStore
    let factors: SecondFactorRegistry
    let cache: CacheInvalidator
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// Switches the email method to `enabled`.
    /// - Returns: whether the user now has any second factor (the seed's `mfa_enabled`).
    /// - Throws: `reauthentication_required` when switching off without a recent authentication.
    public func callAsFunction(_ auth: Authenticated, enabled: Bool, client: ClientContext = ClientContext()) async throws -> Bool {
        guard let current = try await users.user(id: auth.user.id) else { throw AuthError.unauthorized }
        var user = current
        if current.emailFactorEnabled != enabled {
            let now = clock.now
            if !enabled { try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors) }
            try await users.setEmailFactor(user.id, enabled: enabled, at: now)
            user.emailFactorEnabled = enabled
            await audit.record(enabled ? .mfaEnabled : .mfaDisabled, user: user, client: client)
            if !enabled {
                await notices.send(MailMessage(
                    to: user.email, kind: .secondFactorRemoved(method: SecondFactorMethod.email.rawValue, at: now)))
            }
        }
        // Cached entries carry the user and its methods; drop them so `/me` shows the change at
        // once everywhere.
        await cache.user(user.id)
        return try await !factors.methods(for: user).isEmpty
    }
}
