import Foundation

/// What an admin does to accounts. Each action is audited with the admin as actor, and takes
/// effect at once: ended sessions leave the cache before the call returns, so their tokens are
/// refused from the next request on, on every instance.
extension AdminConsole {
    /// Ends one session.
    /// - Throws: `AuthError(.notFound)` when no live session has `id`.
    public func revokeSession(_ id: SessionID, by admin: Administrator, client: ClientContext = ClientContext()) async throws {
        guard let session = try await sessions.session(id: id), session.isActive(at: clock.now),
              try await sessions.revoke(id, at: clock.now)
        else { throw AuthError(.notFound, "no such live session") }
        let user = try await users.user(id: session.userID)
        await audit.record(.sessionRevoked, user: user, actor: admin.user.id, client: client, detail: "admin")
        try await cache.sessions([id])
    }

    /// Ends every session of `id` (but the admin's own current one).
    /// - Returns: how many sessions ended.
    @discardableResult
    public func revokeSessions(of id: UserID, by admin: Administrator, client: ClientContext = ClientContext()) async throws -> Int {
        let user = try await existing(id)
        let keep = id == admin.user.id ? admin.sessionID : nil
        let ended = try await sessions.revokeAll(of: id, except: keep, at: clock.now)
        await audit.record(
            .sessionRevoked, user: user, actor: admin.user.id, client: client, detail: "admin_all:\(ended.count)")
        try await cache.sessions(ended)
        return ended.count
    }

    /// Bans or unbans `id`. A ban ends every session at once and refuses new sign-ins.
    /// - Throws: `AuthError(.conflict)` when an admin bans themselves, or bans the last other
    ///   admin who can use the dashboard (`AdminConsole+LastAdmin.swift`); `AuthError(.notFound)`.
    public func setBanned(_ id: UserID, _ banned: Bool, by admin: Administrator, client: ClientContext = ClientContext()) async throws {
        let user = try await existing(id)
        if banned, id == admin.user.id { throw AuthError(.conflict, "you cannot ban yourself") }
        if banned {
            try await keepingAUsableAdmin(besides: user) { try await users.setBanned(id, true, at: clock.now) }
        } else {
            try await users.setBanned(id, false, at: clock.now)
        }
        await audit.record(banned ? .userBanned : .userUnbanned, user: user, actor: admin.user.id, client: client)
        if banned {
            let ended = try await sessions.revokeAll(of: id, except: nil, at: clock.now)
            try await cache.sessions(ended, andUser: id)
        } else {
            await cache.user(id)
        }
    }

    /// Removes every second factor of `id` (authenticator apps, recovery codes, the mailed code)
    /// and every passkey, for a user who lost their device: a passkey on a lost phone is a way in
    /// too. The user is mailed a notice and signs in with their password (or resets it by mail).
    /// - Throws: `AuthError(.conflict)` for the admin's own account (an admin without a second
    ///   factor is locked out of the dashboard), or for the last other admin who can use it
    ///   (`AdminConsole+LastAdmin.swift`); `AuthError(.notFound)`.
    public func resetSecondFactors(of id: UserID, by admin: Administrator, client: ClientContext = ClientContext()) async throws {
        let user = try await existing(id)
        if id == admin.user.id { throw AuthError(.conflict, "reset your own second factors from your account page") }
        try await keepingAUsableAdmin(besides: user) {
            try await secondFactorStore.removeAll(of: id)
            try await passkeys.removeAll(of: id)
            if user.emailFactorEnabled { try await users.setEmailFactor(id, enabled: false, at: clock.now) }
        }
        await cache.user(id)
        await notices.send(MailMessage(to: user.email, kind: .secondFactorRemoved(method: "all", at: clock.now)))
        await audit.record(.mfaReset, user: user, actor: admin.user.id, client: client)
    }

    /// Mails `id` a fresh verification code.
    /// - Throws: `AuthError(.conflict)` when the address is already verified; `rate_limited` when
    ///   the address's mail budget is spent; `AuthError(.notFound)`.
    public func resendVerification(to id: UserID, by admin: Administrator, client: ClientContext = ClientContext()) async throws {
        let user = try await existing(id)
        guard !user.isEmailVerified else { throw AuthError(.conflict, "the address is already verified") }
        _ = try await resend(email: user.email.value, client: client)
        await audit.record(.verificationResent, user: user, actor: admin.user.id, client: client)
    }
}
