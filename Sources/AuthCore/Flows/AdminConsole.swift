import Foundation

/// The admin API and dashboard (docs/admin.md): who is an admin, and what an admin reads.
/// The actions are in `AdminConsole+Actions.swift`; every one of them needs an ``Administrator``,
/// which only ``authorize(_:)`` hands out.
public struct AdminConsole: Sendable {
    let users: any UserStore
    let sessions: any SessionStore
    let roles: any AdminRoleStore
    let directory: any AdminDirectory
    let oauthAccounts: any OAuthAccountStore
    let secondFactorStore: any SecondFactorStore
    let passkeys: any PasskeyStore
    let factors: SecondFactorRegistry
    let outbox: (any MailOutbox)?
    /// Holds the lock of the last-admin rule (`AdminConsole+LastAdmin.swift`).
    let states: any EphemeralStateStore
    let resend: ResendVerificationFlow
    let cache: CacheInvalidator
    let notices: Notifier
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    /// The most rows one page of a listing holds.
    public static let pageSize = 50

    /// Whether `user` holds the admin role: a verified, unbanned account that was granted it or
    /// whose address is in ``AuthConfiguration/adminEmails``.
    public func isAdmin(_ user: User) async throws -> Bool {
        guard user.isEmailVerified, !user.isBanned else { return false }
        if configuration.adminEmails.contains(user.email) { return true }
        return try await roles.isAdmin(user.id)
    }

    /// Proves that the caller may act as an admin.
    /// - Throws: `AuthError(.forbidden)` for a user without the role;
    ///   `AuthError(.secondFactorRequired)` for an admin whose session did not prove a second
    ///   factor (`aal` 1) or who has none: a stolen password alone never opens the dashboard.
    public func authorize(_ auth: Authenticated) async throws -> Administrator {
        guard try await isAdmin(auth.user) else { throw AuthError(.forbidden) }
        guard auth.session.aal >= 2, auth.mfaEnabled else { throw AuthError(.secondFactorRequired) }
        return Administrator(user: auth.user, sessionID: auth.session.id)
    }

    /// Users whose address starts with `query` (case-insensitive), in address order, a page at a time.
    public func users(matching query: String, cursor: String?, by admin: Administrator) async throws -> Page<User> {
        let prefix = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard prefix.count <= 320 else { throw AuthError.invalidRequest("query too long") }
        return try await directory.users(withEmailPrefix: prefix, cursor: cursor, limit: Self.pageSize)
    }

    /// One account: profile, role, second factors (no secrets) and linked providers.
    /// - Throws: `AuthError(.notFound)`.
    public func user(_ id: UserID, by admin: Administrator) async throws -> AdminUserDetail {
        let user = try await existing(id)
        return AdminUserDetail(
            user: user, isAdmin: try await isAdmin(user), factors: try await factors.enrolments(of: user),
            recoveryCodesLeft: try await secondFactorStore.recoveryCodesLeft(of: id),
            oauthAccounts: try await oauthAccounts.accounts(of: id))
    }

    /// The first page of the account's live sessions, most recently used first.
    /// - Throws: `AuthError(.notFound)`.
    public func sessions(of id: UserID, by admin: Administrator) async throws -> [Session] {
        try await sessions(of: id, cursor: nil, limit: nil, by: admin).items
    }

    /// One page of the account's live sessions, most recently used first (as
    /// ``SessionListing/page(_:cursor:limit:)``).
    /// - Throws: `AuthError(.notFound)`; `invalid_request` for a malformed cursor or limit.
    public func sessions(of id: UserID, cursor: String?, limit: Int?, by admin: Administrator) async throws -> Page<Session> {
        _ = try await existing(id)
        return try await SessionListing.page(of: id, in: sessions, at: clock.now, cursor: cursor, limit: limit)
    }

    /// The audit log, newest first, a page at a time.
    public func auditEvents(_ query: AuditQuery, by admin: Administrator) async throws -> Page<AuditEvent> {
        try await directory.auditEvents(query, limit: Self.pageSize)
    }

    /// Accounts, live sessions, sign-ins and failures in the last 24 hours, and the outbox.
    public func stats(by admin: Administrator) async throws -> AdminStats {
        let now = clock.now
        return AdminStats(
            counts: try await directory.counts(at: now, since: now.addingTimeInterval(-24 * 3600)),
            outbox: try await outbox?.summary())
    }

    /// The dashboard's chart: sign-ins, failed sign-ins and sign-ups for each of the last
    /// `hours` hours (the current one last), hours without any included as zeros.
    public func activity(hours: Int = 168, by admin: Administrator) async throws -> [ActivityHour] {
        let current = ActivityHour.hour(of: clock.now)
        let first = current.addingTimeInterval(-Double(max(1, hours) - 1) * 3600)
        let found = Dictionary(try await directory.activity(since: first).map { ($0.start, $0) }) { a, _ in a }
        return (0..<max(1, hours)).map { index in
            let start = first.addingTimeInterval(Double(index) * 3600)
            return found[start] ?? ActivityHour(start: start)
        }
    }

    func existing(_ id: UserID) async throws -> User {
        guard let user = try await users.user(id: id) else { throw AuthError(.notFound, "no such user") }
        return user
    }
}

extension AdminConsole {
    /// Whether sign-in asks `user` for a second factor (any method, not only the mailed code).
    public func mfaEnabled(_ user: User) async throws -> Bool {
        try await !factors.methods(for: user).isEmpty
    }

    /// The address of `id` for the audit log's labels (`nil` for a deleted account).
    public func userEmail(_ id: UserID, by admin: Administrator) async throws -> String? {
        try await users.user(id: id)?.email.value
    }
}
