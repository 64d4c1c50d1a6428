import Foundation

/// `POST /reauthenticate`: the signed-in user proves their password again, so that the session
/// counts as recently authenticated (DESIGN section 9) for changes that weaken protection.
public struct ReauthenticationFlow: Sendable {
    let credentials: any CredentialStore
    let sessions: any SessionStore
    let cache: CacheInvalidator
    let hasher: any PasswordHasher
    let abuse: AbuseGuard
    let audit: Auditor
    let clock: any WallClock
    let dummyHash: DummyHash

    /// Checks `password` for the user of `auth` and marks the session recently authenticated.
    /// - Throws: `invalid_credentials` for a wrong password (or a user without one: it costs the
    ///   same hash), `rate_limited` under the same per-account password limits as sign-in (a
    ///   stolen token must not buy unlimited guesses), `unauthorized` when the session ended.
    public func callAsFunction(_ auth: Authenticated, password: String, client: ClientContext) async throws {
        guard password.count <= 1024 else { throw AuthError.invalidCredentials }
        let attempt = try await abuse.beginPasswordAttempt(for: auth.user.email, from: client)
        let stored = try await credentials.passwordHash(for: auth.user.id)
        let phc: String
        if let stored { phc = stored } else { phc = try await dummyHash.value(using: hasher) }
        guard try await hasher.verify(password, against: phc), stored != nil else {
            await audit.record(.reauthenticationFailed, user: auth.user, client: client)
            throw AuthError.invalidCredentials
        }
        try await abuse.succeeded(attempt)
        guard try await sessions.markAuthenticated(auth.session.id, at: clock.now) else { throw AuthError.unauthorized }
        // The cached entry carries the old time; drop it so the next request sees the new one.
        await cache.sessions([auth.session.id])
        await audit.record(.reauthenticated, user: auth.user, client: client)
    }
}

extension Authenticated {
    /// Throws unless the session proved its user within `configuration`'s window.
    /// - Throws: `AuthError(.reauthenticationRequired)`.
    func requireRecentAuthentication(at now: Date, _ configuration: AuthConfiguration) throws {
        guard session.isRecentlyAuthenticated(at: now, within: configuration.recentAuthenticationWindow) else {
            throw AuthError(.reauthenticationRequired)
        }
    }
}
