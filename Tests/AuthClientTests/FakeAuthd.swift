import AuthClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A stand-in for authd behind an ``HTTPTransport``: answers refreshes with numbered tokens and
/// lets a test script failures (lost answers, 503, 401) in front of them; answers the second
/// factor, passkey and admin routes with canned JSON shaped like authd's (docs/api.md), and
/// records every request.
actor FakeAuthd: HTTPTransport {
    enum Failure { case lostAnswer, status(Int, String) }

    /// A request as it arrived.
    struct Seen: Sendable {
        var method: String
        /// The path, e.g. `/api/v1/auth/mfa/totp`.
        var path: String
        /// The query, percent-encoded as sent (`nil` when there was none).
        var query: String?
        var body: RawJSON?
        var authorization: String?
    }

    private(set) var requests: [Seen] = []
    /// Answers by `"METHOD /path"`, in front of the canned ones.
    private var overrides: [String: (Int, Data)] = [:]
    private(set) var refreshesSeen: [String] = []
    private(set) var generation = 0
    private var scripted: [Failure] = []
    var lifetime = 2
    /// How long a refresh takes, so concurrent callers overlap.
    var delay: Duration = .milliseconds(20)

    func fail(next failures: Failure...) { scripted += failures }

    /// Answers `route` (`"METHOD /path"`) with a problem+json `code` from now on.
    func refuse(_ route: String, status: Int, code: String, message: String = "refused") {
        overrides[route] = (status, Self.reply(status, [
            "type": "about:blank", "title": code, "status": status, "detail": message, "error": code, "message": message,
        ], problem: true).0)
    }

    /// The requests to routes other than the refresh route.
    var calls: [Seen] { requests.filter { !$0.path.hasSuffix("/token/refresh") } }

    nonisolated func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await answer(request)
    }

    private func answer(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let path = request.url?.path ?? ""
        let method = request.httpMethod ?? "GET"
        let components = request.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false) }
        requests.append(Seen(
            method: method, path: path, query: components?.percentEncodedQuery,
            body: try request.httpBody.map { try RawJSON(data: $0) }, authorization: request.value(forHTTPHeaderField: "Authorization")))
        let route = "\(method) \(path)"
        if let (status, data) = overrides[route] { return Self.reply(status, data, problem: true) }
        if let body = Self.canned[route] {
            if route.contains("/api/v1/auth/sign-in/") || request.value(forHTTPHeaderField: "Authorization") == "Bearer a\(generation)" {
                return Self.reply(200, Data(body.utf8))
            }
            return Self.reply(401, ["error": "unauthorized", "message": "no"], problem: true)
        }
        if path.hasSuffix("/token/refresh") {
            let body = try JSONSerialization.jsonObject(with: request.httpBody ?? Data()) as? [String: String]
            refreshesSeen.append(body?["refresh_token"] ?? "")
            try await Task.sleep(for: delay)
            if !scripted.isEmpty {
                switch scripted.removeFirst() {
                case .lostAnswer:
                    // Rotated, then the answer was lost on the way back.
                    if body?["refresh_token"] == "r\(generation)" { generation += 1 }
                    throw URLError(.networkConnectionLost)
                case .status(let status, let code):
                    return Self.reply(status, ["type": "about:blank", "title": code, "status": status, "detail": code, "error": code, "message": code], problem: true)
                }
            }
            let presented = body?["refresh_token"] ?? ""
            if presented == "r\(generation)" {
                generation += 1
            } else if presented != "r\(generation - 1)" {
                return Self.reply(401, ["error": "unauthorized", "message": "no"], problem: true)
            }
            return Self.reply(200, ["token": "a\(generation)", "refresh_token": "r\(generation)", "expires_in": lifetime])
        }
        if path.hasSuffix("/me") {
            let auth = request.value(forHTTPHeaderField: "Authorization") ?? ""
            guard auth == "Bearer a\(generation)" else { return Self.reply(401, ["error": "unauthorized", "message": "no"], problem: true) }
            return Self.reply(200, [
                "session": ["id": "s", "client": "ios", "ip": "", "parsed_location": "", "created_at": "2026-01-01T00:00:00.000Z",
                            "last_used_at": "2026-01-01T00:00:00.000Z", "expires_at": "2026-01-08T00:00:00.000Z"],
                "user": ["id": "u", "email": "ada@example.com", "is_email_verified": true, "image_url": NSNull(), "mfa_enabled": false],
            ])
        }
        if path.hasSuffix("/sign-in/credentials") {
            return Self.reply(401, ["type": "about:blank", "title": "x", "status": 401, "detail": "Wrong email or password", "error": "invalid_credentials", "message": "Wrong email or password"], problem: true)
        }
        return Self.reply(404, ["error": "not_found", "message": "no"], problem: true)
    }

    static func reply(_ status: Int, _ body: [String: Any], problem: Bool = false) -> (Data, HTTPURLResponse) {
        reply(status, try! JSONSerialization.data(withJSONObject: body), problem: problem)
    }

    static func reply(_ status: Int, _ data: Data, problem: Bool = false) -> (Data, HTTPURLResponse) {
        let response = HTTPURLResponse(
            url: URL(string: "http://authd.test/")!, statusCode: status, httpVersion: "HTTP/1.1",
            headerFields: ["Content-Type": problem ? "application/problem+json" : "application/json"])!
        return (data, response)
    }

    static let userID = "7d3e4c1a-0b5f-4e2a-9c8d-1f2e3d4c5b6a"
    static let factorID = "0f1e2d3c-4b5a-4968-8776-655443322110"
    static let passkeyID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    static let sessionID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"

    static let userRow = """
        "id": "\(userID)", "email": "ada@example.com", "is_email_verified": true, "banned": false, "mfa_enabled": true,
        "created_at": "2026-01-01T00:00:00.000Z"
        """
    static let requestOptions = """
        {"challenge_id": "ch-get", "public_key": {"challenge": "q1w2e3", "rpId": "auth.example.com", "timeout": 300000,
         "userVerification": "required", "allowCredentials": [{"type": "public-key", "id": "cred-1", "transports": ["internal", "hybrid"]}]}}
        """
    static let passkey = """
        {"id": "\(passkeyID)", "name": "iPhone", "created_at": "2026-12-01T10:00:00.000Z", "last_used_at": null,
         "backed_up": true, "transports": ["internal", "hybrid"]}
        """
    static let tokens = #"{"token": "p1", "refresh_token": "pr1", "expires_in": 900}"#
    static let success = #"{"success": true}"#

    /// authd's answers by `"METHOD /path"` (docs/api.md), as JSON text.
    static let canned: [String: String] = {
        let auth = "/api/v1/auth/", admin = "/api/v1/admin/"
        return [
            "GET \(auth)mfa": """
                {"mfa_enabled": true, "recovery_codes_left": 9, "methods": [
                 {"type": "totp", "id": "\(factorID)", "name": "Authenticator", "created_at": "2026-11-01T08:00:00.000Z",
                  "last_used_at": "2026-12-06T08:00:00Z"},
                 {"type": "recovery_code", "id": null, "name": null, "created_at": null, "last_used_at": null}]}
                """,
            "POST \(auth)mfa/totp": """
                {"id": "\(factorID)", "secret": "JBSWY3DPEHPK3PXP",
                 "otpauth_uri": "otpauth://totp/authd:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=authd",
                 "qr_svg": "<svg xmlns=\\"http://www.w3.org/2000/svg\\"></svg>", "expires_at": "2026-12-07T07:10:00.000Z"}
                """,
            "POST \(auth)mfa/totp/confirm": #"{"mfa_enabled": true, "recovery_codes": ["aaaa-bbbb-cccc", "dddd-eeee-ffff"]}"#,
            "DELETE \(auth)mfa/totp/\(factorID)": success,
            "POST \(auth)mfa/recovery-codes": #"{"recovery_codes": ["1111-2222-3333", "4444-5555-6666"]}"#,
            "POST \(auth)passkeys/register/options": """
                {"challenge_id": "ch-create", "public_key": {"challenge": "c2V0", "rp": {"id": "auth.example.com", "name": "authd"},
                 "user": {"id": "dXNlcg", "name": "ada@example.com", "displayName": "ada@example.com"},
                 "pubKeyCredParams": [{"type": "public-key", "alg": -7}, {"type": "public-key", "alg": -257}],
                 "timeout": 300000, "attestation": "none",
                 "authenticatorSelection": {"residentKey": "required", "userVerification": "required"}}}
                """,
            "POST \(auth)passkeys/register": """
                {"id": "\(passkeyID)", "name": "iPhone", "created_at": "2026-12-07T07:00:00.000Z", "recovery_codes": ["7777-8888-9999"]}
                """,
            "GET \(auth)passkeys": "{\"passkeys\": [\(passkey)]}",
            "PATCH \(auth)passkeys/\(passkeyID)": passkey.replacingOccurrences(of: "\"iPhone\"", with: "\"Work phone\""),
            "DELETE \(auth)passkeys/\(passkeyID)": success,
            "POST \(auth)sign-in/passkey/options": requestOptions,
            "POST \(auth)sign-in/passkey": tokens,
            "POST \(auth)sign-in/mfa/passkey/options": requestOptions,
            "POST \(auth)sign-in/mfa": tokens,
            "POST \(auth)reauthenticate/passkey/options": requestOptions,
            "POST \(auth)reauthenticate": success,
            "GET \(admin)users": "{\"users\": [{\(userRow)}], \"next_cursor\": \"61646140.\(userID)\"}",
            "GET \(admin)users/\(userID)": """
                {"user": {\(userRow), "is_admin": false, "recovery_codes_left": 10},
                 "factors": [{"type": "passkey", "id": "\(passkeyID)", "name": "iPhone", "created_at": "2026-12-01T10:00:00.000Z",
                              "last_used_at": null}],
                 "oauth_accounts": [{"provider": "google", "email": "ada@gmail.com", "created_at": "2026-02-01T00:00:00.000Z"}]}
                """,
            "GET \(admin)users/\(userID)/sessions": """
                {"sessions": [{"primary": false, "id": "\(sessionID)", "expires_at": "2026-12-14T06:00:00.000Z", "client": "ios",
                  "ip": "203.0.113.7", "parsed_location": "Lisbon, PT", "created_at": "2026-12-07T06:00:00.000Z",
                  "last_used_at": "2026-12-07T06:30:00.000Z", "amr": ["pwd", "otp", "mfa"], "aal": 2}],
                 "next_cursor": null}
                """,
            "DELETE \(admin)sessions/\(sessionID)": success,
            "POST \(admin)users/\(userID)/sessions/revoke": #"{"success": true, "revoked": 3}"#,
            "POST \(admin)users/\(userID)/ban": success,
            "POST \(admin)users/\(userID)/unban": success,
            "POST \(admin)users/\(userID)/reset-mfa": success,
            "POST \(admin)users/\(userID)/resend-verification": success,
            "GET \(admin)audit": """
                {"events": [{"id": "e1", "type": "user_banned", "user_id": "\(userID)",
                  "actor_id": "9a8b7c6d-0000-4000-8000-000000000001", "email": "ada@example.com", "ip": "198.51.100.2",
                  "client": "admin", "location": "", "detail": null, "at": "2026-12-07T06:45:00.123Z"}],
                 "next_cursor": null}
                """,
            "GET \(admin)stats": """
                {"users": 120, "verified_users": 100, "live_sessions": 80, "sign_ins_24h": 40, "sign_in_failures_24h": 5,
                 "outbox": {"pending": 1, "given_up": 0}}
                """,
        ]
    }()
}
