/// `GET /me/export`: the signed-in user's own data (docs/api.md).
public struct AccountExport: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let sessions: any SessionStore
    let oauthAccounts: any OAuthAccountStore
    let secondFactors: SecondFactorOverview
    let audit: any AuditLog
    let clock: any WallClock

    /// The most audit events an export carries.
    public static let maxEvents = 1000

    /// The data of the user of `auth`, read from the stores.
    public func callAsFunction(_ auth: Authenticated) async throws -> AccountData {
        guard let user = try await users.user(id: auth.user.id) else { throw AuthError.unauthorized }
        return AccountData(
            user: user,
            sessions: try await sessions.activeSessions(of: user.id, at: clock.now),
            secondFactors: try await secondFactors(Authenticated(session: auth.session, user: user)),
            linkedAccounts: try await oauthAccounts.accounts(of: user.id),
            events: try await audit.events(of: user.id, limit: Self.maxEvents).map { $0.asSeen(by: user.id) },
            hasPassword: try await credentials.passwordHash(for: user.id) != nil)
    }
}
