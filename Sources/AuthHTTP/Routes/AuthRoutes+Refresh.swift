import AuthCore
import Hummingbird

extension AuthRoutes {
    /// `POST /token/refresh {refresh_token}` → `{token, refresh_token, expires_in}` (docs/api.md).
    /// Not behind the per-IP route limit: AuthCore limits refreshes per session and per network
    /// itself, far more generously, since a client refreshes once per access-token life.
    func registerRefresh(on group: RouterGroup<AuthRequestContext>) {
        group.post("token/refresh") { request, context in
            let body = try await JSONBody.decode(RefreshRequest.self, from: request)
            let refreshed = try await auth.refresh(refreshToken: body.refreshToken, client: context.client)
            return try JSONBody.response(TokenResponse(refreshed))
        }
    }
}
