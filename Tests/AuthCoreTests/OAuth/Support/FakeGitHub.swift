import AuthCore
import Foundation
import Synchronization

/// A stand-in for GitHub's OAuth token endpoint and its `/user` and `/user/emails` API, behind a
/// fake ``HTTPFetcher``.
final class FakeGitHub: HTTPFetcher {
    struct Email: Sendable {
        var email: String
        var primary: Bool
        var verified: Bool
    }

    struct State {
        var codes: [String: String] = [:]  // code → expected PKCE challenge
        var emails: [Email] = [Email(email: "octo@example.com", primary: true, verified: true)]
        var userID = 583231
        var requests: [FetchRequest] = []
    }

    let state = Mutex(State())

    func edit(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }
    var requests: [FetchRequest] { state.withLock { $0.requests } }

    /// Plays the consent screen: the code GitHub would send back for the authorisation URL.
    func authorize(_ url: URL) -> String {
        let code = "gh-" + UUID().uuidString
        let challenge = FakeIdentityProvider.query(url)["code_challenge"] ?? ""
        state.withLock { $0.codes[code] = challenge }
        return code
    }

    func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        state.withLock { $0.requests.append(request) }
        switch (request.method, request.url.host ?? "", request.url.path) {
        case ("POST", "github.com", "/login/oauth/access_token"):
            let form = FakeIdentityProvider.form(request.body ?? [])
            let challenge = state.withLock { $0.codes.removeValue(forKey: form["code"] ?? "") }
            // GitHub answers a bad code with 200 and an error member.
            guard form["client_id"] == "gh-client", form["client_secret"] == "gh-secret", let challenge,
                PKCE.challenge(for: form["code_verifier"] ?? "") == challenge
            else { return json(["error": "bad_verification_code"]) }
            return json(["access_token": "gho_token", "token_type": "bearer", "scope": "read:user,user:email"])
        case ("GET", "api.github.com", let path) where request.headers["Authorization"] == "Bearer gho_token":
            let s = state.withLock { $0 }
            if path == "/user" { return json(["id": s.userID, "login": "octocat", "avatar_url": "https://avatars.example.test/u/1"]) }
            if path == "/user/emails" {
                return json(s.emails.map { ["email": $0.email, "primary": $0.primary, "verified": $0.verified, "visibility": "private"] })
            }
            return FetchResponse(status: 404, body: [])
        default:
            return FetchResponse(status: 401, body: Array(#"{"message":"Bad credentials"}"#.utf8))
        }
    }

    private func json(_ object: Any) -> FetchResponse {
        FetchResponse(status: 200, headers: ["content-type": "application/json"], body: Array(try! JSONSerialization.data(withJSONObject: object)))
    }
}
