import Foundation

/// The providers a user signs in with: `GET /oauth/accounts` lists them, `DELETE
/// /oauth/accounts/{provider}` unlinks one.
///
/// Unlinking weakens the account's protection in one way (an identity someone else may control
/// stops being a door, which is good) and can lock the owner out in another, so it is guarded
/// like the other protection changes (docs/api.md, "Recent authentication"): a recent authentication, and `aal` 2 when
/// the user holds an authenticator app. It is refused when the account would keep no way to sign
/// in: a password, or a link to another provider. Sign-in by mailed code does not count: it is a
/// recovery path tied to a mailbox the user may not control for long (an Apple private-relay
/// address stops forwarding once Sign in with Apple is revoked for the app).
public struct LinkedAccountsFlow: Sendable {
    let accounts: any OAuthAccountStore
    let credentials: any CredentialStore
    let factors: SecondFactorRegistry
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// The user's links, oldest first.
    /// - Throws: store failures as they are.
    public func list(_ auth: Authenticated) async throws -> [OAuthAccount] {
        try await accounts.accounts(of: auth.user.id)
    }

    /// Removes every link of the user to `provider`, audits it and mails the owner a notice.
    /// - Throws: `not_found` when the user has no link to `provider`; `reauthentication_required`;
    ///   `last_sign_in_method` when the account would keep neither a password nor another provider.
    public func unlink(_ auth: Authenticated, provider: String, client: ClientContext = ClientContext()) async throws {
        let now = clock.now
        let links = try await accounts.accounts(of: auth.user.id)
        guard links.contains(where: { $0.provider == provider }) else { throw AuthError(.notFound, "no linked account for that provider") }
        try await auth.requireRecentSecondFactor(at: now, configuration, factors: factors)
        guard try await hasOtherWayIn(auth.user.id, besides: provider, links: links) else { throw AuthError(.lastSignInMethod) }
        let removed = try await accounts.unlink(provider: provider, of: auth.user.id)
        guard !removed.isEmpty else { throw AuthError(.notFound, "no linked account for that provider") }
        // Two unlinks of different providers racing could each see the other's link as the way
        // in; check again after the delete and put this one back when nothing else remains.
        if try await !hasOtherWayIn(auth.user.id, besides: provider, links: try await accounts.accounts(of: auth.user.id)) {
            for link in removed { try? await accounts.link(link) }
            throw AuthError(.lastSignInMethod)
        }
        await audit.record(.oauthUnlinked, user: auth.user, client: client, detail: provider)
        await notices.send(MailMessage(to: auth.user.email, kind: .oauthUnlinked(provider: provider, at: now)))
    }

    private func hasOtherWayIn(_ userID: UserID, besides provider: String, links: [OAuthAccount]) async throws -> Bool {
        if links.contains(where: { $0.provider != provider }) { return true }
        return try await credentials.passwordHash(for: userID) != nil
    }
}
