import AuthCore
import AuthHTTP
import Hummingbird

/// The dashboard's buttons: each a form with the CSRF token, answered with a redirect back to the
/// user's page (post/redirect/get), so a reload never repeats an action.
extension WebPages {
    func registerAdminActions(on admin: RouterGroup<AuthRequestContext>) {
        // The admin API's own list of actions, each answered here with a redirect and its notice.
        let notices = ["ban": "banned", "unban": "unbanned", "sessions/revoke": "revoked_all", "reset-mfa": "mfa_reset",
                       "resend-verification": "verification_sent"]
        for action in AdminUserAction.all {
            let done = notices[action.path] ?? "done"
            admin.post(RouterPath("users/:id/\(action.path)")) { request, context in
                let visitor = try await visitor(request, context)
                let administrator = try await auth.admin.authorize(try Self.require(visitor))
                let id = try Self.userID(context)
                try await action.run(auth.admin, on: id, by: administrator, client: context.client)
                return PageRenderer.redirect("/admin/users/\(id)?done=\(done)")
            }
        }
        admin.post("sessions/:id/revoke") { request, context in
            let visitor = try await visitor(request, context)
            let form = try await form(request)
            let administrator = try await auth.admin.authorize(try Self.require(visitor))
            guard let id = SessionID(uuidString: try context.pathParameter("id")) else {
                throw AuthError(.notFound, "no such live session")
            }
            try await auth.admin.revokeSession(id, by: administrator, client: context.client)
            let back = form["user"].flatMap(UserID.init(uuidString:)).map { "/admin/users/\($0)?done=revoked" } ?? "/admin/"
            return PageRenderer.redirect(back)
        }
    }
}
