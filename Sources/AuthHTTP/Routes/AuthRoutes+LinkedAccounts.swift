import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `GET /oauth/accounts` (auth): the user's linked providers; `DELETE /oauth/accounts/{provider}`
    /// (auth, recent): unlinks one, refused (409 `last_sign_in_method`) when it is the last way in.
    func registerLinkedAccounts(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        authed.get("oauth/accounts") { _, context in
            let links = try await auth.linkedAccounts.list(try context.requireAuthenticated())
            return try JSONBody.response(LinkedAccountsResponse(links))
        }
        authed.delete("oauth/accounts/:provider") { _, context in
            let provider = try context.pathParameter("provider")
            guard (1...32).contains(provider.utf8.count) else { throw AuthError(.notFound, "no linked account for that provider") }
            try await auth.linkedAccounts.unlink(try context.requireAuthenticated(), provider: provider, client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
    }
}
