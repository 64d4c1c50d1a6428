import AuthCore
import AuthHTTP
import Hummingbird

/// The paper list's enrolment route, as a host would add it: `POST /api/v1/auth/mfa/paper-list`
/// (bearer) prints a new list and answers `{"codes": […]}`.
struct PaperListFeature: AuthFeature {
    struct Printed: Encodable {
        var codes: [String]
    }

    let factor: PaperListFactor

    func register(on router: Router<AuthRequestContext>, support: RouteSupport) {
        let group = support.authenticated(router.group("api/v1/auth/mfa"))
        group.post("paper-list") { _, context in
            let signedIn = try context.requireAuthenticated()
            return try JSONBody.response(Printed(codes: try await factor.enrol(signedIn.user.id)), status: .created)
        }
    }
}
