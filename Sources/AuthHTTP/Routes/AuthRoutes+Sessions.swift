import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `GET /me`, `GET /me/all`, `DELETE /logout`, `DELETE /logout/all`, `POST /reauthenticate`,
    /// `PATCH /enable/mfa`, `PATCH /disable/mfa` (recent authentication): all authenticated.
    func registerSessions(on group: RouterGroup<AuthRequestContext>) {
        let authed = authenticated(group)
        authed.get("me") { _, context in
            MeResponse.response(try context.requireAuthenticated())
        }
        authed.get("me/all") { request, context in
            // Still the seed's bare array; the next page is announced in a Link header.
            let limit = try PageQuery.limit(request)
            let page = try await auth.listSessions.page(
                try context.requireAuthenticated(), cursor: PageQuery.cursor(request), limit: limit)
            var response = try JSONBody.response(page.items.map(SessionRow.init))
            PageQuery.linkNext(page.next, of: request, limit: limit, on: &response)
            return response
        }
        authed.delete("logout") { _, context in
            try await auth.logout.current(try context.requireAuthenticated(), client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        authed.delete("logout/all") { _, context in
            try await auth.logout.others(try context.requireAuthenticated(), client: context.client)
            return try JSONBody.response(SuccessResponse())
        }
        limited(authed, "reauthenticate").post("reauthenticate") { request, context in
            let body = try await JSONBody.decode(ReauthenticationRequest.self, from: request)
            let authenticated = try context.requireAuthenticated()
            switch (body.password, body.method, body.code, body.credential) {
            case (let password?, nil, nil, nil):
                try await auth.reauthenticate(authenticated, password: password, client: context.client)
            case (nil, let method?, let code?, nil):
                try await auth.reauthenticate(
                    authenticated, method: try .fromRequest(method), code: code, client: context.client)
            case (nil, let method, nil, let credential?):
                // A passkey assertion answers options from POST /reauthenticate/passkey/options.
                try await auth.reauthenticate(
                    authenticated, method: try method.map(SecondFactorMethod.fromRequest) ?? .passkey,
                    code: try PasskeyRequests.text(credential), client: context.client)
            default:
                throw AuthError.invalidRequest("send either password, method and code, or a passkey credential")
            }
            return try JSONBody.response(SuccessResponse())
        }
        for (path, enabled) in [("enable/mfa", true), ("disable/mfa", false)] {
            authed.patch(RouterPath(path)) { _, context in
                let state = try await auth.setMFA(try context.requireAuthenticated(), enabled: enabled, client: context.client)
                return try JSONBody.response(MFAStateResponse(mfaEnabled: state))
            }
        }
    }
}
