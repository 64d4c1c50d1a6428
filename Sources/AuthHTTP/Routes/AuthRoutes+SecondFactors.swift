import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `GET /mfa`, `POST /mfa/totp`, `POST /mfa/totp/confirm`, `DELETE /mfa/totp/{id}`,
    /// `POST /mfa/recovery-codes`: all authenticated (docs/api.md, "Second factors").
    func registerSecondFactors(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        authed.get("mfa") { _, context in
            let status = try await auth.secondFactorStatus(try context.requireAuthenticated())
            return try JSONBody.response(SecondFactorStatusResponse(status))
        }
        authed.post("mfa/totp") { request, context in
            let name = try await JSONBody.hasBody(request)
                ? try await JSONBody.decode(TOTPEnrolmentRequest.self, from: request).name : nil
            let enrolment = try await auth.totp.start(try context.requireAuthenticated(), name: name, client: context.client)
            return try JSONBody.response(TOTPEnrolmentResponse(enrolment))
        }
        limited(authed, "mfa-confirm").post("mfa/totp/confirm") { request, context in
            let body = try await JSONBody.decode(TOTPConfirmationRequest.self, from: request)
            // An id that is not a UUID names no enrolment: the same answer as a wrong code.
            guard let id = AuthenticatorID(uuidString: body.id) else { throw AuthError(.invalidCode, "the code is invalid") }
            let codes = try await auth.totp.confirm(
                try context.requireAuthenticated(), id: id, code: body.code, client: context.client)
            return try JSONBody.response(TOTPConfirmationResponse(recoveryCodes: codes))
        }
        authed.delete("mfa/totp/:id") { _, context in
            let id = try AuthenticatorID.fromRequest(context.pathParameter("id"))
            try await auth.totp.remove(try context.requireAuthenticated(), id: id, client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        authed.post("mfa/recovery-codes") { _, context in
            let codes = try await auth.recoveryCodes.regenerate(try context.requireAuthenticated(), client: context.client)
            return try JSONBody.response(RecoveryCodesResponse(recoveryCodes: codes))
        }
    }
}
