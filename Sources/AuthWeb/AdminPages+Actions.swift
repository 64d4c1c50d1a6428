import AuthCore
import AuthHTTP
import Hummingbird

/// The dashboard's buttons: each a form with the CSRF token, answered with a redirect back to the
/// user's page (post/redirect/get), so a reload never repeats an action.
extension WebPages {
    func registerAdminActions(on admin: RouterGroup<AuthRequestContext>) {
        let actions: [(String, String, @Sendable (AdminConsole, UserID, Administrator, ClientContext) async throws -> Void)] = [
            ("ban", "banned", { try await $0.setBanned($1, true, by: $2, client: $3) }),
            ("unban", "unbanned", { try await $0.setBanned($1, false, by: $2, client: $3) }),
            ("sessions/revoke", "revoked_all", { try await $0.revokeSessions(of: $1, by: $2, client: $3) }),
            ("reset-mfa", "mfa_reset", { try await $0.resetSecondFactors(of: $1, by: $2, client: $3) }),
            ("resend-verification", "verification_sent", { try await $0.resendVerification(to: $1, by: $2, client: $3) }),
        ]
        for (path, done, action) in actions {
            admin.post(RouterPath("users/:id/\(path)")) { request, context in
                let visitor = try await visitor(request)
                _ = try await form(request, visitor)  // a foreign form is refused before anything else
                let administrator = try await auth.admin.authorize(try Self.require(visitor))
                let id = try Self.userID(context)
                try await action(auth.admin, id, administrator, context.client)
                return PageRenderer.redirect("/admin/users/\(id)?done=\(done)")
            }
        }
        admin.post("sessions/:id/revoke") { request, context in
            let visitor = try await visitor(request)
            let form = try await form(request, visitor)
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
