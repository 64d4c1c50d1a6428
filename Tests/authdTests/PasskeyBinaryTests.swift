import AuthCore
import AuthTesting
import Foundation
import Testing

/// Passkeys through the authd binary on PostgreSQL and Redis: two instances share the ceremony
/// challenges (Redis), so options fetched from one are answered on the other, and used once.
@Suite("passkeys through authd with PostgreSQL and Redis", .enabled(if: BackingServers.expected))
struct PasskeyBinaryTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    func start(redis: String) async throws -> (AuthdProcess, RawHTTPClient) {
        let env = [
            "PORT": "0", "HOST": "127.0.0.1", "DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret,
            "MAIL_LOG": "insecure", "REDIS_URL": redis, "WEBAUTHN_RP_ID": "localhost",
            "WEBAUTHN_ORIGINS": "http://localhost:8080",
        ]
        let authd = try AuthdProcess(arguments: ["serve"], environment: env)
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        return (authd, RawHTTPClient(port: port))
    }

    /// `public_key` of an options answer, as the browser's parser reads it.
    static func options<T: Decodable>(_ response: RawHTTPClient.Response, as type: T.Type) throws -> (String, T) {
        #expect(response.status == 200)
        let body = try response.object()
        let data = try JSONSerialization.data(withJSONObject: try #require(body["public_key"]))
        return (try #require(body["challenge_id"] as? String), try JSONDecoder().decode(T.self, from: data))
    }

    /// An Encodable value as the JSON object the raw client sends.
    static func json(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value))
    }

    /// Registers `authenticator` for the user of `token`: options from `options`, the credential
    /// answered on `finish` (another instance, or the same).
    static func register(
        _ authenticator: inout TestAuthenticator, token: String, options: RawHTTPClient, finish: RawHTTPClient, name: String
    ) throws -> RawHTTPClient.Response {
        let (registration, creation) = try Self.options(
            try options.request("POST", "/api/v1/auth/passkeys/register/options", token: token),
            as: PublicKeyCredentialCreationOptionsJSON.self)
        return try finish.request("POST", "/api/v1/auth/passkeys/register", json: [
            "challenge_id": registration, "credential": try Self.json(authenticator.register(creation)), "name": name,
        ], token: token)
    }

    @Test func optionsFromOneInstanceAreAnsweredOnTheOtherOnce() async throws {
        // A Redis database of its own, so other suites' per-IP counts do not interfere.
        let redis = try #require(servers.redis, "AUTH_TEST_REDIS_URL is needed") + "/6"
        let (a, httpA) = try await start(redis: redis)
        defer { _ = a.terminate() }
        let (b, httpB) = try await start(redis: redis)
        defer { _ = b.terminate() }

        let email = "passkey-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let signUp = try httpA.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        _ = try await a.waitFor(/code=(\d{6})/)
        let code = try #require(a.loggedCodes.last)
        let token = try #require(
            try httpA.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code]).object()["token"] as? String)

        var authenticator = TestAuthenticator()
        #expect(try Self.register(&authenticator, token: token, options: httpA, finish: httpB, name: "Laptop").status == 200)

        let (signIn, request) = try Self.options(
            try httpB.request("POST", "/api/v1/auth/sign-in/passkey/options", json: [:]),
            as: PublicKeyCredentialRequestOptionsJSON.self)
        let assertion = try Self.json(authenticator.assert(request))
        let signedIn = try httpA.request("POST", "/api/v1/auth/sign-in/passkey", json: ["challenge_id": signIn, "credential": assertion])
        #expect(signedIn.status == 200)
        let session = try #require(try signedIn.object()["token"] as? String)
        let me = try httpB.request("GET", "/api/v1/auth/me", token: session).object()
        #expect((me["session"] as? [String: Any])?["aal"] as? Int == 2)

        // The same assertion again, on either instance: the challenge is spent.
        let replayed = try httpB.request("POST", "/api/v1/auth/sign-in/passkey", json: ["challenge_id": signIn, "credential": assertion])
        #expect(replayed.status == 400)
        #expect(try replayed.object()["error"] as? String == "invalid_credential")
    }
}
