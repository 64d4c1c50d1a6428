import AuthCore
import Hummingbird

/// An admin's button on one user, `POST …/users/{id}/<path>`: one list for the admin API
/// (`/api/v1/admin`, answered with JSON) and the dashboard (`/admin`, answered with a redirect
/// back to the user's page), so the two offer the same actions with the same ``AdminConsole``
/// call. Each is audited with the admin as the actor by the console.
package struct AdminUserAction: Sendable {
    /// The path under `users/{id}/`.
    package let path: String
    /// Runs the action; returns how many sessions it ended when it ends sessions.
    let perform: @Sendable (AdminConsole, UserID, Administrator, ClientContext) async throws -> Int?

    /// Every action, in the order the API registers them.
    package static let all: [AdminUserAction] = [
        AdminUserAction(path: "ban") { try await $0.setBanned($1, true, by: $2, client: $3); return nil },
        AdminUserAction(path: "unban") { try await $0.setBanned($1, false, by: $2, client: $3); return nil },
        AdminUserAction(path: "sessions/revoke") { try await $0.revokeSessions(of: $1, by: $2, client: $3) },
        AdminUserAction(path: "reset-mfa") { try await $0.resetSecondFactors(of: $1, by: $2, client: $3); return nil },
        AdminUserAction(path: "resend-verification") { try await $0.resendVerification(to: $1, by: $2, client: $3); return nil },
    ]

    /// Runs the action on `user` for `administrator`.
    /// - Returns: the number of sessions ended, for an action that ends sessions.
    @discardableResult
    package func run(_ console: AdminConsole, on user: UserID, by administrator: Administrator, client: ClientContext) async throws -> Int? {
        try await perform(console, user, administrator, client)
    }

    /// The admin API's answer: `{success: true}`, with `revoked` when sessions were ended.
    func response(_ ended: Int?) throws -> Response {
        if let ended { return try JSONBody.response(RevokedResponse(revoked: ended)) }
        return try JSONBody.response(SuccessResponse())
    }
}
