import Foundation

/// Finds or creates the user behind a verified provider identity.
///
/// 1. A link for `(provider, subject)` wins: that user signs in, whatever email the provider
///    reports today (the subject is the stable key, the email is not).
/// 2. Otherwise an existing account with the same email is linked, but only when its own address
///    was verified: an unverified account may have been registered by someone else in the victim's
///    name, and linking it would hand that squatter's account (and password) to the victim, or the
///    victim's identity to the squatter.
/// 3. Otherwise a new user is created with the address verified (the provider vouched for it) and
///    the provider's picture as `image_url`.
struct OAuthAccountResolver: Sendable {
    let users: any UserStore
    let accounts: any OAuthAccountStore
    let audit: Auditor
    let clock: any WallClock

    /// The user for `identity`, whose email the caller has already checked is verified.
    /// - Throws: `AuthError(.oauthFailed)` when linking is refused; store errors as they are.
    func user(for identity: OAuthIdentity, client: ClientContext) async throws -> User {
        if let link = try await accounts.account(provider: identity.provider, subject: identity.subject) {
            guard let user = try await users.user(id: link.userID) else { throw AuthError.oauth(.accountUnavailable) }
            return user
        }
        if let existing = try await users.user(email: identity.email) {
            guard existing.isEmailVerified else { throw AuthError.oauth(.accountNotVerified) }
            return try await link(identity, to: existing, client: client)
        }
        let now = clock.now
        let created = User(email: identity.email, isEmailVerified: true, imageURL: Self.picture(identity.pictureURL), createdAt: now)
        do {
            try await users.insert(created)
        } catch let error as AuthError where error.code == .conflict {
            // Someone registered the address a moment ago: treat it as an existing account.
            guard let existing = try await users.user(email: identity.email), existing.isEmailVerified else {
                throw AuthError.oauth(.accountNotVerified)
            }
            return try await link(identity, to: existing, client: client)
        }
        return try await link(identity, to: created, client: client)
    }

    private func link(_ identity: OAuthIdentity, to user: User, client: ClientContext) async throws -> User {
        let account = OAuthAccount(
            provider: identity.provider, subject: identity.subject, userID: user.id, email: identity.email, createdAt: clock.now)
        do {
            try await accounts.link(account)
        } catch let error as AuthError where error.code == .conflict {
            // A concurrent sign-in of the same identity linked it first; fine if to the same user.
            guard try await accounts.account(provider: identity.provider, subject: identity.subject)?.userID == user.id else {
                throw AuthError.oauth(.accountUnavailable)
            }
            return user
        }
        await audit.record(.oauthLinked, user: user, client: client, detail: identity.provider)
        return user
    }

    /// The picture URL when it is a plausible http(s) URL of sane length; else none.
    static func picture(_ raw: String?) -> String? {
        guard let raw, raw.utf8.count <= 2048, let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", url.host?.isEmpty == false
        else { return nil }
        return raw
    }
}
