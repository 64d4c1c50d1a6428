import AuthCore
import Foundation

/// The before-sign-up and custom-claims decisions made by the deployer's HTTP endpoints
/// (`HOOK_BEFORE_SIGN_UP_URL`, `HOOK_CUSTOM_CLAIMS_URL`; docs/webhooks.md, "HTTP hooks").
///
/// Each request is a JSON POST signed like the webhooks (Standard Webhooks headers, under
/// `HOOK_SECRET`). An answer other than 200 with the documented JSON, a timeout or an unreachable
/// endpoint fails the hook, and a failing hook refuses: the sign-up or sign-in gets 503
/// `unavailable` and nothing is created.
public struct HTTPAuthHooks: Sendable {
    /// Where the decisions are asked.
    public struct Endpoints: Sendable {
        /// Asked before an account is created (`nil`: every sign-up is allowed).
        public var beforeSignUp: URL?
        /// Asked for the claims of each new session's token (`nil`: no custom claims).
        public var customClaims: URL?
        /// Creates the endpoints.
        public init(beforeSignUp: URL?, customClaims: URL?) {
            self.beforeSignUp = beforeSignUp
            self.customClaims = customClaims
        }
    }

    let endpoints: Endpoints
    let signer: WebhookSigner
    let fetcher: any HTTPFetcher
    let timeout: Duration

    /// Creates the hooks.
    /// - Parameters:
    ///   - secret: `HOOK_SECRET`, a `whsec_` secret.
    ///   - fetcher: the HTTP client (its own timeout should not be shorter than `timeout`).
    ///   - timeout: how long one decision may take.
    /// - Throws: `AuthError(.invalidRequest)` for a malformed secret.
    public init(endpoints: Endpoints, secret: String, fetcher: any HTTPFetcher, timeout: Duration) throws {
        self.endpoints = endpoints
        self.signer = try WebhookSigner(secret: secret)
        self.fetcher = fetcher
        self.timeout = timeout
    }

    /// `hooks` with these decisions set (an embedder's own hooks on the same points are replaced).
    public func applied(to hooks: AuthHooks = AuthHooks()) -> AuthHooks {
        var hooks = hooks
        hooks.beforeBudget = timeout
        if let url = endpoints.beforeSignUp {
            hooks.beforeUserCreated = { attempt in try await self.beforeSignUp(attempt, at: url) }
        }
        if let url = endpoints.customClaims {
            hooks.customClaims = { user, session in try await self.customClaims(user, session, at: url) }
        }
        return hooks
    }

    /// A hook's answer could not be used.
    struct BadAnswer: Error, CustomStringConvertible {
        var description: String
    }

    func beforeSignUp(_ attempt: SignUpAttempt, at url: URL) async throws -> SignUpDecision {
        let body: [String: Any] = [
            "type": "before_sign_up", "email": attempt.email.value, "ip": attempt.client.ipText,
            "client": attempt.client.clientName, "method": attempt.method,
        ]
        let answer = try await post(body, to: url)
        switch answer["decision"] as? String {
        case "allow": return .allow
        case "deny": return .deny(answer["message"] as? String ?? "")
        default: throw BadAnswer(description: "the before-sign-up hook answered without a decision")
        }
    }

    func customClaims(_ user: User, _ session: Session, at url: URL) async throws -> [String: ClaimValue] {
        let body: [String: Any] = [
            "type": "custom_claims",
            "user": [
                "id": user.id.description, "email": user.email.value, "email_verified": user.isEmailVerified,
                "created_at": Timestamp.format(user.createdAt),
            ],
            "session": [
                "id": session.id.description, "aal": session.aal, "amr": session.amr, "client": session.client.clientName,
                "ip": session.client.ipText, "expires_at": Timestamp.format(session.expiresAt),
            ],
        ]
        let answer = try await post(body, to: url)
        guard let claims = answer["claims"] else { return [:] }
        let data = try JSONSerialization.data(withJSONObject: claims)
        guard case .object(let object) = try JSONDecoder().decode(ClaimValue.self, from: data) else {
            throw BadAnswer(description: "the custom-claims hook's claims are not an object")
        }
        return object
    }

    /// POSTs `body` signed and returns the 200 answer's JSON object.
    private func post(_ body: [String: Any], to url: URL) async throws -> [String: Any] {
        let bytes = Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
        let id = "hook_" + UUID().uuidString.lowercased()
        var headers = signer.headers(id: id, at: Date(), body: bytes)
        headers["accept"] = "application/json"
        let response = try await fetcher.fetch(FetchRequest(method: "POST", url: url, headers: headers, body: bytes))
        guard response.status == 200 else { throw BadAnswer(description: "the hook answered \(response.status)") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw BadAnswer(description: "the hook's answer is not a JSON object")
        }
        return object
    }
}
