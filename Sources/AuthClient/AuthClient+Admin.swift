import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The admin API under `/api/v1/admin` (docs/api.md, "Admin API"; docs/admin.md). Every call
/// needs a session of an admin that proved a second factor; anyone else gets ``AuthAPIError``
/// 403 `forbidden` or `second_factor_required`.
extension AuthClient {
    /// `GET /admin/users?query=&cursor=`: accounts whose address starts with `query`
    /// (case-insensitive; empty: all), in address order, 50 a page.
    public func adminUsers(query: String = "", cursor: String? = nil) async throws -> AdminPage<AdminUser> {
        let answer: AdminUsersAnswer = try await authorized(
            "GET", "users", api: .admin, query: [URLQueryItem(name: "query", value: query), URLQueryItem(name: "cursor", value: cursor)],
            body: nil)
        return AdminPage(items: answer.users, nextCursor: answer.nextCursor)
    }

    /// `GET /admin/users/{id}`: an account's profile, second factors and linked providers.
    public func adminUser(id: String) async throws -> AdminUserInfo {
        try await authorized("GET", "users/\(id)", api: .admin, body: nil)
    }

    /// `GET /admin/users/{id}/sessions?cursor=&limit=`: an account's live sessions, most recently
    /// used first (100 a page unless `limit` says otherwise).
    public func adminSessions(ofUser id: String, cursor: String? = nil, limit: Int? = nil) async throws -> AdminPage<SessionInfo> {
        let answer: AdminSessionsAnswer = try await authorized(
            "GET", "users/\(id)/sessions", api: .admin,
            query: [URLQueryItem(name: "cursor", value: cursor), URLQueryItem(name: "limit", value: limit.map(String.init))],
            body: nil)
        return AdminPage(items: answer.sessions, nextCursor: answer.nextCursor)
    }

    /// `DELETE /admin/sessions/{id}`: ends one session; its token is refused from the next request.
    public func adminRevokeSession(id: String) async throws {
        let _: Success = try await authorized("DELETE", "sessions/\(id)", api: .admin, body: nil)
    }

    /// `POST /admin/users/{id}/sessions/revoke`: ends every session of an account (the admin's
    /// own current session stays).
    /// - Returns: how many sessions ended.
    @discardableResult
    public func adminRevokeSessions(ofUser id: String) async throws -> Int {
        let answer: RevokedAnswer = try await authorized("POST", "users/\(id)/sessions/revoke", api: .admin, body: nil)
        return answer.revoked
    }

    /// `POST /admin/users/{id}/ban` or `/unban`: a ban ends every session and refuses sign-ins.
    /// - Throws: ``AuthAPIError`` 409 `conflict` for oneself or the last other admin.
    public func adminSetBanned(_ banned: Bool, user id: String) async throws {
        let _: Success = try await authorized("POST", "users/\(id)/\(banned ? "ban" : "unban")", api: .admin, body: nil)
    }

    /// `POST /admin/users/{id}/reset-mfa`: removes every second factor of an account; the user is
    /// mailed a notice.
    public func adminResetSecondFactors(ofUser id: String) async throws {
        let _: Success = try await authorized("POST", "users/\(id)/reset-mfa", api: .admin, body: nil)
    }

    /// `POST /admin/users/{id}/resend-verification`: mails a new verification code (409 when
    /// the address is already verified).
    public func adminResendVerification(toUser id: String) async throws {
        let _: Success = try await authorized("POST", "users/\(id)/resend-verification", api: .admin, body: nil)
    }

    /// `GET /admin/audit?user=&type=&since=&cursor=`: audit events, newest first, one page.
    public func adminAuditLog(_ filter: AuditFilter = .init(), cursor: String? = nil) async throws -> AdminPage<AuditEventInfo> {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let answer: AdminAuditAnswer = try await authorized(
            "GET", "audit", api: .admin,
            query: [
                URLQueryItem(name: "user", value: filter.user), URLQueryItem(name: "type", value: filter.type),
                URLQueryItem(name: "since", value: filter.since.map { formatter.string(from: $0) }),
                URLQueryItem(name: "cursor", value: cursor),
            ], body: nil)
        return AdminPage(items: answer.events, nextCursor: answer.nextCursor)
    }

    /// `GET /admin/stats`: users, verified users, live sessions, the last day's sign-ins and
    /// failures, and the mail outbox.
    public func adminStats() async throws -> AdminStatsInfo { try await authorized("GET", "stats", api: .admin, body: nil) }
}
