import Foundation

/// Finds or creates the user behind a verified provider identity.
///
/// 1. A link for `(provider, subject)` wins: that user signs in, whatever email the provider
///    reports today (the subject is the stable key, the email is not).
/// 2. Otherwise an existing account with the same email is linked when its own address was
///    verified. An unverified one may have been registered by someone else in the owner's name:
///    the provider-verified owner takes the row over instead of being kept out by it. Its pending
///    sign-ups (with whatever passwords they carried) and any password are dropped first, so no
///    squatter's code or password opens the account afterwards; then the address is verified.
/// 3. Otherwise a new user is created with the address verified (the provider vouched for it) and
///    the provider's picture as `image_url`.
struct OAuthAccountResolver: Sendable {
    let users: any UserStore
    let credentials: any CredentialStore
    let verifications: any VerificationStore
    let accounts: any OAuthAccountStore
    let audit: Auditor
    let hooks: HookRunner
    let clock: any WallClock

    /// The user for `identity`, whose email the caller has already checked is verified.
    /// - Throws: `AuthError(.oauthFailed)` when linking is refused; store errors as they are.
    func user(for identity: OAuthIdentity, client: ClientContext) async throws -> User {
        if let link = try await accounts.account(provider: identity.provider, subject: identity.subject) {
            guard let user = try await users.user(id: link.userID) else { throw AuthError.oauth(.accountUnavailable) }
            return user
        }
        if let existing = try await users.user(email: identity.email) {
            guard existing.isEmailVerified else { return try await takeOver(existing, for: identity, client: client) }
            return try await link(identity, to: existing, client: client)
        }
        try await hooks.beforeUserCreated(SignUpAttempt(email: identity.email, client: client, method: identity.provider))
        let now = clock.now
        let created = User(email: identity.email, isEmailVerified: true, imageURL: Self.picture(identity.pictureURL), createdAt: now)
        do {
            try await users.insert(created)
        } catch let error as AuthError where error.code == .conflict {
            // Someone registered the address a moment ago: treat it as an existing account.
            guard let existing = try await users.user(email: identity.email) else { throw AuthError.oauth(.accountUnavailable) }
            guard existing.isEmailVerified else { return try await takeOver(existing, for: identity, client: client) }
            return try await link(identity, to: existing, client: client)
        }
        await audit.record(.signUp, user: created, client: client, detail: identity.provider)
        return try await link(identity, to: created, client: client)
    }

    /// Gives the unverified account `squatted` to the provider-verified owner of its address.
    private func takeOver(_ squatted: User, for identity: OAuthIdentity, client: ClientContext) async throws -> User {
        try await verifications.discard(of: squatted.id, purpose: .signUp)
        try await credentials.removePasswordHash(for: squatted.id)
        guard try await users.markEmailVerified(squatted.id, at: clock.now) else {
            // Verified meanwhile, by a code only the mailbox could read: an ordinary link then.
            guard let now = try await users.user(id: squatted.id), now.isEmailVerified else {
                throw AuthError.oauth(.accountUnavailable)
            }
            return try await link(identity, to: now, client: client)
        }
        var owner = squatted
        owner.isEmailVerified = true
        await audit.record(.emailVerified, user: owner, client: client, detail: identity.provider)
        return try await link(identity, to: owner, client: client)
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
