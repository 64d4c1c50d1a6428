import Foundation

/// `POST /reauthenticate`: the signed-in user proves their password, or one of their second
/// factors, again, so that the session counts as recently authenticated (docs/api.md, "Recent authentication") for
/// changes that weaken protection.
public struct ReauthenticationFlow: Sendable {
    let credentials: any CredentialStore
    let sessions: any SessionStore
    let factors: SecondFactorRegistry
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
        // Only a password proven wrong stays counted (see AbuseGuard.settle).
        let proven = try await abuse.settle(attempt, proven: { $0 }) {
            let stored = try await credentials.passwordHash(for: auth.user.id)
            let phc: String
            if let stored { phc = stored } else { phc = try await dummyHash.value(using: hasher) }
            return try await hasher.verify(password, against: phc) && stored != nil
        }
        guard proven else {
            await audit.record(.reauthenticationFailed, user: auth.user, client: client)
            throw AuthError.invalidCredentials
        }
        try await markRecent(auth, secondFactor: false, client: client)
    }

    /// Checks a second factor's `code` (an authenticator's code, a recovery code) for the user of
    /// `auth` and marks the session recently authenticated: the way back for a user without a
    /// password (OAuth only), and the step-up that raises the session to `aal` 2. The mailed code
    /// needs a sign-in challenge and is not accepted here.
    /// - Throws: `method_unavailable` for a method that is not one of the user's or cannot be
    ///   proven outside a sign-in (nothing is counted); `invalid_code` for a wrong code; `rate_limited`
    ///   under the per-account second-factor limit.
    public func callAsFunction(
        _ auth: Authenticated, method: SecondFactorMethod, code: String, client: ClientContext
    ) async throws {
        guard try await factors.methods(for: auth.user).contains(method), let factor = factors.factor(method),
              factor.supportsReauthentication
        else { throw AuthError(.methodUnavailable, "\(method) is not one of this account's second factors usable here") }
        let attempt = try await abuse.beginSecondFactorAttempt(for: auth.user.id)
        guard try await factor.verify(code, challenge: nil, user: auth.user) else {
            await audit.record(.reauthenticationFailed, user: auth.user, client: client, detail: method.rawValue)
            throw AuthError.invalidCode
        }
        try await abuse.succeeded(attempt)
        try await markRecent(auth, secondFactor: true, client: client)
    }

    private func markRecent(_ auth: Authenticated, secondFactor: Bool, client: ClientContext) async throws {
        guard try await sessions.markAuthenticated(auth.session.id, at: clock.now, aal: secondFactor ? 2 : nil) else {
            throw AuthError.unauthorized
        }
        // The cached entry carries the old time; drop it so the next request sees the new one.
        await audit.record(.reauthenticated, user: auth.user, client: client)
        try await cache.sessions([auth.session.id])
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

    /// For changes to the account's protection (second factors, the address, deletion): a recent
    /// authentication, and, when the user holds a factor that can prove itself again (an
    /// authenticator app, a passkey), a recent proof of a second factor: a sign-in with it, or
    /// `POST /reauthenticate {method, code}`, within the same window. The two proofs keep their
    /// own times: a stolen token plus a phished password, however long after a sign-in at `aal`
    /// 2, cannot strip or bypass the second factor.
    /// - Throws: `AuthError(.reauthenticationRequired)`.
    func requireRecentSecondFactor(
        at now: Date, _ configuration: AuthConfiguration, factors: SecondFactorRegistry
    ) async throws {
        try requireRecentAuthentication(at: now, configuration)
        guard try await factors.requiresSecondFactorProof(for: user),
              !session.provedSecondFactorRecently(at: now, within: configuration.recentAuthenticationWindow)
        else { return }
        throw AuthError(.reauthenticationRequired, "reauthenticate with a second factor (method and code)")
    }
}
