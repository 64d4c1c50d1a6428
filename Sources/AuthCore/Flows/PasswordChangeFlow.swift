/// `PATCH /password`: a signed-in user changes their password by giving the current one.
///
/// Every other session ends (whoever else holds a token loses it), leftover codes that a password
/// change must outdate (pending sign-ups, open MFA challenges, reset codes) are discarded, and the
/// owner is mailed a notice. The current session stays.
public struct PasswordChangeFlow: Sendable {
    let credentials: any CredentialStore
    let sessions: any SessionStore
    let verifications: any VerificationStore
    let cache: CacheInvalidator
    let hasher: any PasswordHasher
    let notices: Notifier
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let dummyHash: DummyHash
    let configuration: AuthConfiguration

    /// Replaces the password of the user of `auth`.
    /// - Throws: `invalid_request` for a new password outside the policy (before anything is
    ///   checked); `invalid_credentials` for a wrong current password (or an account without one:
    ///   set one through the reset flow); `rate_limited` under the per-account password limits.
    public func callAsFunction(
        _ auth: Authenticated, currentPassword: String, newPassword: String, client: ClientContext
    ) async throws {
        try configuration.validatePassword(newPassword)
        guard currentPassword.count <= 1024 else { throw AuthError.invalidCredentials }
        let attempt = try await abuse.beginPasswordAttempt(for: auth.user.email, from: client)
        // Only a current password proven wrong stays counted (see AbuseGuard.settle).
        let stored = try await abuse.settle(attempt, proven: { $0 != nil }) { () async throws -> String? in
            let stored = try await credentials.passwordHash(for: auth.user.id)
            let phc: String
            if let stored { phc = stored } else { phc = try await dummyHash.value(using: hasher) }
            return try await hasher.verify(currentPassword, against: phc) ? stored : nil
        }
        guard let stored else {
            await audit.record(.signInFailed, user: auth.user, client: client, detail: "password_change")
            throw AuthError.invalidCredentials
        }
        let fresh = try await hasher.hash(newPassword)
        // Only over the hash just verified: a reset completed meanwhile wins.
        guard try await credentials.replacePasswordHash(fresh, for: auth.user.id, ifCurrent: stored) else {
            throw AuthError.invalidCredentials
        }
        for purpose in [VerificationPurpose.signUp, .mfa, .passwordReset, .emailSignIn] {
            try await verifications.discard(of: auth.user.id, purpose: purpose)
        }
        let now = clock.now
        let ended = try await sessions.revokeAll(of: auth.user.id, except: auth.session.id, at: now)
        await audit.record(.passwordChanged, user: auth.user, client: client, detail: "sessions_ended:\(ended.count)")
        await notices.send(MailMessage(to: auth.user.email, kind: .passwordChanged(at: now)))
        try await cache.sessions(ended)
    }
}
