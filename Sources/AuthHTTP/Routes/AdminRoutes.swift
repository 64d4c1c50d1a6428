import AuthCore
import Foundation
import Hummingbird
import HummingbirdCore

/// `/api/v1/admin` (docs/admin.md): JSON, bearer only. Every handler first proves the caller
/// an admin with a second factor (``AdminConsole/authorize(_:)``), before it reads a parameter,
/// so a non-admin gets the same 403 on every route whatever it sends.
struct AdminRoutes: Sendable {
    let admin: AdminConsole
    let support: RouteSupport

    func register(on group: RouterGroup<AuthRequestContext>) {
        let authed = support.authenticated(group)
        authed.get("users") { request, context in
            let administrator = try await authorize(context)
            let page = try await admin.users(
                matching: request.uri.queryParameters["query"].map(String.init) ?? "",
                cursor: Self.cursor(request), by: administrator)
            var rows: [AdminUserRow] = []
            for user in page.items { rows.append(AdminUserRow(user, mfaEnabled: try await admin.mfaEnabled(user))) }
            return try JSONBody.response(AdminUsersResponse(users: rows, nextCursor: page.next))
        }
        authed.get("users/:id") { _, context in
            let administrator = try await authorize(context)
            return try JSONBody.response(AdminUserDetailResponse(try await admin.user(try Self.userID(context), by: administrator)))
        }
        authed.get("users/:id/sessions") { request, context in
            let administrator = try await authorize(context)
            let limit = try PageQuery.limit(request)
            let page = try await admin.sessions(
                of: try Self.userID(context), cursor: PageQuery.cursor(request), limit: limit, by: administrator)
            var response = try JSONBody.response(AdminSessionsResponse(page.items, nextCursor: page.next))
            PageQuery.linkNext(page.next, of: request, limit: limit, on: &response)
            return response
        }
        authed.delete("sessions/:id") { _, context in
            let administrator = try await authorize(context)
            guard let id = SessionID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such live session")
            }
            try await admin.revokeSession(id, by: administrator, client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        for action in AdminUserAction.all {
            authed.post(RouterPath("users/:id/\(action.path)")) { _, context in
                let administrator = try await authorize(context)
                let ended = try await action.run(admin, on: try Self.userID(context), by: administrator, client: context.client)
                return try action.response(ended)
            }
        }
        authed.get("audit") { request, context in
            let administrator = try await authorize(context)
            let query = try AuditQuery(parameters: request.uri.queryParameters)
            return try JSONBody.response(AdminAuditResponse(try await admin.auditEvents(query, by: administrator)))
        }
        authed.get("stats") { _, context in
            let administrator = try await authorize(context)
            return try JSONBody.response(AdminStatsResponse(try await admin.stats(by: administrator)))
        }
    }

    func authorize(_ context: AuthRequestContext) async throws -> Administrator {
        try await admin.authorize(try context.requireAuthenticated())
    }

    static func userID(_ context: AuthRequestContext) throws -> UserID {
        guard let id = UserID(uuidString: try context.pathParameter("id")) else { throw AuthError(.notFound, "no such user") }
        return id
    }

    static func cursor(_ request: Request) -> String? {
        request.uri.queryParameters["cursor"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `POST /admin/users/{id}/sessions/revoke`: `{success: true, revoked: n}`.
struct RevokedResponse: Encodable, Sendable {
    var success = true
    var revoked: Int
}
