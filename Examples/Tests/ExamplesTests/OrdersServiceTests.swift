import AuthTokenVerifier
import Foundation
import Hummingbird
import HummingbirdTesting
import OrdersService
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// docs/tokens.md's service in front of a live authd, once with `JWT_ALG=HS256` (verified with
/// the shared secret) and once with `ES256` (verified from the JWKS). `scripts/examples.sh` starts
/// both authd processes and says where they are; run without it, the suite fails rather than
/// pretend.
@Suite struct OrdersServiceTests {
    struct LiveAuthd {
        var url: String
        var environment: [String: String]
        var maildir: URL
    }

    static func authd(_ algorithm: String) throws -> LiveAuthd {
        let env = ProcessInfo.processInfo.environment
        let url = try #require(env["EXAMPLES_AUTHD_\(algorithm)_URL"], "run through scripts/examples.sh (make test)")
        let maildir = try #require(env["AUTH_TEST_SMTP_MAILDIR"], "run through scripts/examples.sh (make test)")
        var environment: [String: String] = [:]
        if algorithm == "HS256" { environment["JWT_SECRET"] = try #require(env["EXAMPLES_JWT_SECRET"]) }
        return LiveAuthd(url: url, environment: environment, maildir: URL(fileURLWithPath: maildir))
    }

    @Test(arguments: ["HS256", "ES256"])
    func theServiceServesAuthdsUsersAndRefusesEveryoneElse(algorithm: String) async throws {
        let authd = try Self.authd(algorithm)
        let verifier = try await makeVerifier(authd: authd.url, environment: authd.environment)
        let token = try await Self.signUp(at: authd)
        try await Application(router: makeOrdersRouter(verifier: verifier)).test(.router) { client in
            let orders = try await client.executeRequest(
                uri: "/orders", method: .get, headers: [.authorization: "Bearer \(token.value)"], body: nil)
            #expect(orders.status == .ok)
            #expect(String(buffer: orders.body).lowercased() == "orders of \(token.subject.lowercased())")
            // A password alone is not enough for payments: the step-up challenge says so.
            let payment = try await client.executeRequest(
                uri: "/payments", method: .post, headers: [.authorization: "Bearer \(token.value)"], body: nil)
            #expect(payment.status == .unauthorized)
            #expect(payment.headers[.wwwAuthenticate]?.contains("insufficient_user_authentication") == true)
            let tampered = token.value.dropLast(2) + "AA"
            let forged = try await client.executeRequest(
                uri: "/orders", method: .get, headers: [.authorization: "Bearer \(tampered)"], body: nil)
            #expect(forged.status == .unauthorized)
            let anonymous = try await client.executeRequest(uri: "/orders", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func aJWKSVerifierRefusesToStartAgainstAnHS256Authd() async throws {
        let authd = try Self.authd("HS256")
        await #expect(throws: AuthTokenVerifierError.self) {
            _ = try await makeVerifier(authd: authd.url, environment: [:])
        }
    }

    /// Signs a new user up through authd's API and returns the session token and user id.
    static func signUp(at authd: LiveAuthd) async throws -> (value: String, subject: String) {
        let email = "orders-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let signUp = try await post(authd.url + "/api/v1/auth/sign-up", ["email": email, "password": "a long passphrase"])
        let id = try #require(signUp["verification_id"] as? String)
        let code = try await mailedCode(to: email, in: authd.maildir)
        let verified = try await post(authd.url + "/api/v1/auth/verify-email", ["token_id": id, "code": code])
        let token = try #require(verified["token"] as? String)
        let me = try await get(authd.url + "/api/v1/auth/me", token: token)
        let user = try #require(me["user"] as? [String: Any])
        return (token, try #require(user["id"] as? String))
    }

    static func post(_ url: String, _ body: [String: String]) async throws -> [String: Any] {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func get(_ url: String, token: String) async throws -> [String: Any] {
        var request = URLRequest(url: try #require(URL(string: url)))
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (data, _) = try await URLSession.shared.data(for: request)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The six-digit code of the mail to `address` (the text part puts it alone on an indented line).
    static func mailedCode(to address: String, in maildir: URL) async throws -> String {
        for _ in 0..<300 {
            let files = (try? FileManager.default.contentsOfDirectory(at: maildir, includingPropertiesForKeys: nil)) ?? []
            for file in files where file.pathExtension == "eml" {
                guard let text = try? String(contentsOf: file, encoding: .utf8), text.contains(address) else { continue }
                let line = text.split(whereSeparator: \.isNewline).first { line in
                    line.hasPrefix("    ") && line.dropFirst(4).count == 6 && line.dropFirst(4).allSatisfy(\.isNumber)
                }
                if let line { return String(line.dropFirst(4)) }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CancellationError()
    }
}
