import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `POST /sign-up`, `POST /verify-email`, `POST /resend/verification/email`.
    func registerSignUp(on group: RouterGroup<AuthRequestContext>) {
        limited(group, "sign-up").post("sign-up") { request, context in
            let body = try await JSONBody.decode(CredentialsRequest.self, from: request)
            let challenge = try await auth.signUp(email: body.email, password: body.password, client: client(context))
            return try JSONBody.response(ChallengeResponse(challenge), status: .created)
        }
        limited(group, "verify-email").post("verify-email") { request, context in
            let body = try await JSONBody.decode(VerifyEmailRequest.self, from: request)
            let verified = try await auth.verifyEmail.verify(
                id: try .fromRequest(body.tokenID), code: body.code, password: body.password, client: client(context))
            return try JSONBody.response(VerifiedResponse(verified.signedIn, passwordSet: verified.passwordSet))
        }
        limited(group, "resend-verification").post("resend/verification/email") { request, context in
            let body = try await JSONBody.decode(EmailRequest.self, from: request)
            return try JSONBody.response(ChallengeResponse(try await auth.resendVerification(email: body.email, client: context.client)))
        }
    }
}
