import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `POST /sign-in/credentials`. (`POST /sign-in/mfa`, which the pages share, is ``SharedRoutes``.)
    func registerSignIn(on group: RouterGroup<AuthRequestContext>) {
        limited(group, "sign-in").post("sign-in/credentials") { request, context in
            let body = try await JSONBody.decode(CredentialsRequest.self, from: request)
            switch try await auth.signIn(email: body.email, password: body.password, client: client(context)) {
            case .signedIn(let signedIn):
                return try JSONBody.response(TokenResponse(signedIn))
            case .mfaRequired(let challenge):
                // The old service's exact body; clients look for `error == "mfa_required"`.
                return try JSONBody.response(MFARequiredResponse(challenge), status: .unauthorized)
            }
        }
    }
}
