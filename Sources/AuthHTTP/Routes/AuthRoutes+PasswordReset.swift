import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `GET /reset/password` (`?email=` or the old service's JSON body), `POST /reset/password`
    /// `{email}`, `PATCH /reset/password` `{token_id, code, password}`. The request forms share one
    /// per-IP limit, so switching method does not reset it.
    func registerPasswordReset(on group: RouterGroup<AuthRequestContext>) {
        let requests = limited(group, "reset-request")
        requests.get("reset/password") { request, context in
            let email: String
            if let query = request.uri.queryParameters["email"] {
                email = String(query)
            } else if try await JSONBody.hasBody(request) {
                email = try await JSONBody.decode(EmailRequest.self, from: request).email
            } else {
                throw AuthError.invalidRequest("missing field email")
            }
            return try await requestReset(email: email, context: context)
        }
        requests.post("reset/password") { request, context in
            let body = try await JSONBody.decode(EmailRequest.self, from: request)
            return try await requestReset(email: body.email, context: context)
        }
        limited(group, "reset-complete").patch("reset/password") { request, context in
            let body = try await JSONBody.decode(PasswordResetCompletion.self, from: request)
            try await auth.passwordReset.complete(
                id: try .fromRequest(body.tokenID), code: body.code, newPassword: body.password, client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
    }

    private func requestReset(email: String, context: AuthRequestContext) async throws -> Response {
        return try JSONBody.response(ChallengeResponse(try await auth.passwordReset.request(email: email, client: context.client)))
    }
}
