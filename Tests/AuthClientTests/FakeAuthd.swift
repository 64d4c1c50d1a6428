import AuthClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A stand-in for authd behind an ``HTTPTransport``: answers refreshes with numbered tokens and
/// lets a test script failures (lost answers, 503, 401) in front of them.
actor FakeAuthd: HTTPTransport {
    enum Failure { case lostAnswer, status(Int, String) }

    private(set) var refreshesSeen: [String] = []
    private(set) var generation = 0
    private var scripted: [Failure] = []
    var lifetime = 2
    /// How long a refresh takes, so concurrent callers overlap.
    var delay: Duration = .milliseconds(20)

    func fail(next failures: Failure...) { scripted += failures }

    nonisolated func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        try await answer(request)
    }

    private func answer(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let path = request.url?.path ?? ""
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
        let data = try! JSONSerialization.data(withJSONObject: body)
        let response = HTTPURLResponse(
            url: URL(string: "http://authd.test/")!, statusCode: status, httpVersion: "HTTP/1.1",
            headerFields: ["Content-Type": problem ? "application/problem+json" : "application/json"])!
        return (data, response)
    }
}
