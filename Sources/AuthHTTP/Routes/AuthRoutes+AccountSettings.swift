import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `PATCH /password`, `POST /email`, `POST /email/confirm`, `DELETE /me`, `GET /me/export`
    /// (all authenticated), and sign-in by mailed code: `POST /sign-in/email-code` and
    /// `POST /sign-in/email-code/verify` (docs/api.md).
    func registerAccountSettings(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        limited(authed, "password-change").patch("password") { request, context in
            let body = try await JSONBody.decode(PasswordChangeRequest.self, from: request)
            try await auth.changePassword(
                try context.requireAuthenticated(), currentPassword: body.currentPassword, newPassword: body.newPassword,
                client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        limited(authed, "email-change").post("email") { request, context in
            let body = try await JSONBody.decode(EmailChangeRequest.self, from: request)
            let challenge = try await auth.emailChange.request(
                try context.requireAuthenticated(), newEmail: body.newEmail, client: context.client)
            return try JSONBody.response(ChallengeResponse(challenge))
        }
        limited(authed, "email-confirm").post("email/confirm") { request, context in
            let body = try await JSONBody.decode(CodeRequest.self, from: request)
            let email = try await auth.emailChange.confirm(
                try context.requireAuthenticated(), id: try .fromRequest(body.tokenID), code: body.code,
                client: context.client)
            return try JSONBody.response(EmailChangedResponse(email: email.value))
        }
        authed.delete("me") { _, context in
            try await auth.deleteAccount(try context.requireAuthenticated(), client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        authed.get("me/export") { _, context in
            try JSONBody.response(AccountExportResponse(try await auth.exportAccount(try context.requireAuthenticated())))
        }
        limited(group, "sign-in-code").post("sign-in/email-code") { request, context in
            let body = try await JSONBody.decode(EmailRequest.self, from: request)
            let challenge = try await auth.emailCodeSignIn.request(email: body.email, client: client(context))
            return try JSONBody.response(ChallengeResponse(challenge))
        }
        limited(group, "sign-in-code-verify").post("sign-in/email-code/verify") { request, context in
            let body = try await JSONBody.decode(CodeRequest.self, from: request)
            switch try await auth.emailCodeSignIn.verify(
                id: try .fromRequest(body.tokenID), code: body.code, client: client(context))
            {
            case .signedIn(let signedIn):
                return try JSONBody.response(TokenResponse(signedIn))
            case .mfaRequired(let challenge):
                return try JSONBody.response(MFARequiredResponse(challenge), status: .unauthorized)
            }
        }
    }
}
