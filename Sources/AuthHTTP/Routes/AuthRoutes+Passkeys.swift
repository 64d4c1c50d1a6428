import AuthCore
import Hummingbird

extension AuthRoutes {
    /// Passkeys (docs/passkeys.md): `POST /passkeys/register/options`, `POST /passkeys/register`,
    /// `GET /passkeys`, `PATCH /passkeys/{id}`, `DELETE /passkeys/{id}` (authenticated);
    /// `POST /sign-in/passkey/options`, `POST /sign-in/passkey`, `POST /sign-in/mfa/passkey/options`;
    /// `POST /reauthenticate/passkey/options` (authenticated).
    func registerPasskeys(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        authed.post("passkeys/register/options") { _, context in
            let challenge = try await auth.passkeyRegistration.options(try context.requireAuthenticated())
            return try JSONBody.response(PasskeyCreationOptionsResponse(challenge))
        }
        limited(authed, "passkey-register").post("passkeys/register") { request, context in
            let body = try await JSONBody.decode(PasskeyRegistrationRequest.self, from: request)
            let (passkey, codes) = try await auth.passkeyRegistration.finish(
                try context.requireAuthenticated(), challengeID: body.challengeID, response: body.credential, name: body.name,
                client: context.client)
            return try JSONBody.response(PasskeyRegisteredResponse(
                id: passkey.id.description, name: passkey.name, createdAt: Timestamp.format(passkey.createdAt),
                recoveryCodes: codes))
        }
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
        limited(group, "passkey-options").post("sign-in/passkey/options") { request, _ in
            let email = try await JSONBody.hasBody(request)
                ? try await JSONBody.decode(PasskeySignInOptionsRequest.self, from: request).email : nil
            return try JSONBody.response(PasskeyRequestOptionsResponse(try await auth.passkeySignIn.options(email: email)))
        }
        limited(group, "sign-in-passkey").post("sign-in/passkey") { request, context in
            let body = try await JSONBody.decode(PasskeySignInRequest.self, from: request)
            let signedIn = try await auth.passkeySignIn.finish(
                challengeID: body.challengeID, response: body.credential, client: client(context))
            return try JSONBody.response(TokenResponse(signedIn))
        }
        limited(group, "sign-in-mfa").post("sign-in/mfa/passkey/options") { request, _ in
            let body = try await JSONBody.decode(PasskeySecondFactorOptionsRequest.self, from: request)
            let challenge = try await auth.passkeySignIn.secondFactorOptions(id: try .fromRequest(body.tokenID))
            return try JSONBody.response(PasskeyRequestOptionsResponse(challenge))
        }
    }
}
