import AuthCore
import Hummingbird

extension AuthRoutes {
    /// Passkeys (docs/passkeys.md), the routes of the API alone: `GET /passkeys`,
    /// `PATCH /passkeys/{id}`, `DELETE /passkeys/{id}`, `POST /reauthenticate/passkey/options`
    /// (authenticated). The ceremonies the pages share (`POST /passkeys/register/options`,
    /// `POST /passkeys/register`, `POST /sign-in/passkey/options`, `POST /sign-in/passkey`,
    /// `POST /sign-in/mfa/passkey/options`) are ``SharedRoutes``.
    func registerPasskeys(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        authed.get("passkeys") { _, context in
            let passkeys = try await auth.passkeys.list(try context.requireAuthenticated())
            return try JSONBody.response(PasskeyListResponse(passkeys: passkeys.map(PasskeyResponse.init)))
        }
        authed.patch("passkeys/:id") { request, context in
            let id = try PasskeyID.fromRequest(context.pathParameter("id"))
            let body = try await JSONBody.decode(PasskeyRenameRequest.self, from: request)
            let renamed = try await auth.passkeys.rename(try context.requireAuthenticated(), id: id, name: body.name)
            return try JSONBody.response(PasskeyResponse(renamed))
        }
        authed.delete("passkeys/:id") { _, context in
            let id = try PasskeyID.fromRequest(context.pathParameter("id"))
            try await auth.passkeys.remove(try context.requireAuthenticated(), id: id, client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        authed.post("reauthenticate/passkey/options") { _, context in
            let challenge = try await auth.passkeySignIn.reauthenticationOptions(try context.requireAuthenticated())
            return try JSONBody.response(PasskeyRequestOptionsResponse(challenge))
        }
    }
}
