import Crypto
import Foundation
import Testing

/// OAuth through the built authd, configured only through environment variables: the local
/// OpenID provider `make test` starts (oidc-provider-mock, `AUTH_TEST_OIDC_ISSUER`, an `http://`
/// loopback issuer) as `OAUTH_PROVIDERS=local`, and GitHub and Apple stand-ins served by the test.
///
/// Skipped without the provider, unless `AUTH_TEST_REQUIRE_SERVERS=1` says it was expected: then
/// the tests run and fail.
@Suite("authd OAuth configured by the environment", .enabled(if: LocalOpenIDProvider.expected))
struct OAuthBinaryTests {
    static let issuer = LocalOpenIDProvider.issuer
    static let redirect = "https://app.example.com/auth/callback"

    /// authd (in-memory stores, codes in the log) with the local provider and `extra` settings.
    func start(_ extra: [String: String] = [:]) async throws -> (AuthdProcess, RawHTTPClient) {
        let issuer = try #require(Self.issuer, "AUTH_TEST_REQUIRE_SERVERS=1 but AUTH_TEST_OIDC_ISSUER is not set")
        var env = [
            "PORT": "0", "HOST": "127.0.0.1", "RATE_LIMIT": "1000/60s", "OAUTH_REDIRECT_ALLOWLIST": Self.redirect,
            "OAUTH_PROVIDERS": "local", "OAUTH_LOCAL_ISSUER": issuer.absoluteString,
            "OAUTH_LOCAL_CLIENT_ID": "authd-black-box", "OAUTH_LOCAL_CLIENT_SECRET": "black-box-secret",
        ]
        env.merge(extra) { _, new in new }
        let authd = try AuthdProcess(arguments: ["serve"], environment: env)
        let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
        return (authd, RawHTTPClient(port: port))
    }

    /// The provider's own client (its port on 127.0.0.1).
    var provider: RawHTTPClient { get throws { RawHTTPClient(port: UInt16(try #require(Self.issuer?.port))) } }

    /// A fresh user at the local provider with a verified address.
    func newUser() throws -> (sub: String, email: String) {
        let sub = UUID().uuidString.lowercased()
        let email = "oidc-\(sub.prefix(8))@example.com"
        let put = try provider.request("PUT", "/users/\(sub)", json: ["email": email, "email_verified": true])
        #expect(put.status == 204)
        return (sub, email)
    }

    /// `GET /sign-in/{provider}/web`: the provider URL authd redirects to.
    func begin(_ http: RawHTTPClient, _ name: String, redirect: String = Self.redirect, state: String = "app-state") throws -> URLComponents {
        let response = try http.request("GET", "/api/v1/auth/sign-in/\(name)/web?redirect_uri=\(Self.encoded(redirect))&state=\(state)")
        #expect(response.status == 302)
        return try #require(response.headers["location"].flatMap(URLComponents.init(string:)), "no Location: \(response.status)")
    }

    /// Starts at authd, consents as `sub` at the local provider, and returns the callback body.
    func consented(_ http: RawHTTPClient, sub: String) throws -> [String: Any] {
        let authorize = try begin(http, "local")
        let target = authorize.percentEncodedPath + "?" + (authorize.percentEncodedQuery ?? "")
        let back = try provider.request("POST", target, form: [("sub", sub)])
        #expect(back.status == 302)
        let query = Self.query(try #require(back.headers["location"].flatMap(URLComponents.init(string:))))
        return ["code": try #require(query["code"]), "state": try #require(query["state"]), "redirect_uri": Self.redirect]
    }

    func callback(_ http: RawHTTPClient, _ body: [String: Any], provider name: String = "local") throws -> RawHTTPClient.Response {
        try http.request("POST", "/api/v1/auth/sign-in/\(name)/web/callback", json: body)
    }

    func userID(_ http: RawHTTPClient, token: String) throws -> (id: String, email: String, verified: Bool) {
        let user = try #require(try http.request("GET", "/api/v1/auth/me", token: token).object()["user"] as? [String: Any])
        return (try #require(user["id"] as? String), try #require(user["email"] as? String), user["is_email_verified"] as? Bool == true)
    }

    @Test func aNewUserSignsUpAndReturnsToTheSameAccount() async throws {
        let (authd, http) = try await start()
        defer { _ = authd.terminate() }
        let (sub, email) = try newUser()
        let first = try callback(http, try consented(http, sub: sub))
        #expect(first.status == 200)
        let body = try first.object()
        #expect(Set(body.keys) == ["success", "state", "token", "refresh_token", "expires_in"])
        #expect(body["state"] as? String == "app-state")
        let me = try userID(http, token: try #require(body["token"] as? String))
        #expect(me.email == email && me.verified)

        let again = try callback(http, try consented(http, sub: sub))
        #expect(again.status == 200)
        #expect(try userID(http, token: try #require(try again.object()["token"] as? String)).id == me.id)
    }

    @Test func aReplayedStateAndARedirectOffTheAllowListAreRefused() async throws {
        let (authd, http) = try await start()
        defer { _ = authd.terminate() }
        let (sub, _) = try newUser()
        let body = try consented(http, sub: sub)
        #expect(try callback(http, body).status == 200)
        let replay = try callback(http, body)
        #expect(replay.status == 401)
        #expect(try replay.object()["error"] as? String == "oauth_failed")

        let foreign = try http.request(
            "GET", "/api/v1/auth/sign-in/local/web?redirect_uri=\(Self.encoded("https://evil.example.net/auth/callback"))&state=x")
        #expect(foreign.status == 401)
        #expect(foreign.headers["location"] == nil)
        #expect(try foreign.object()["error"] as? String == "oauth_failed")
        #expect(try http.request("GET", "/api/v1/auth/sign-in/nobody/web?redirect_uri=\(Self.encoded(Self.redirect))").status == 404)
    }

    @Test func aSecondFactorGatesTheProviderSignIn() async throws {
        let (authd, http) = try await start()
        defer { _ = authd.terminate() }
        let (sub, _) = try newUser()
        let token = try #require(try callback(http, try consented(http, sub: sub)).object()["token"] as? String)
        #expect(try http.request("PATCH", "/api/v1/auth/enable/mfa", token: token).status == 200)

        let gated = try callback(http, try consented(http, sub: sub))
        #expect(gated.status == 401)
        let challenge = try gated.object()
        #expect(challenge["error"] as? String == "mfa_required")
        #expect(challenge["token"] == nil)
        #expect(challenge["methods"] as? [String] == ["email"])
        _ = try await authd.waitFor(/code=(\d{6})/)
        let code = try #require(authd.loggedCodes.last)
        let done = try http.request(
            "POST", "/api/v1/auth/sign-in/mfa", json: ["token_id": try #require(challenge["verification_id"] as? String), "code": code])
        #expect(done.status == 200)
        #expect(try done.object()["token"] is String)
    }

    @Test func gitHubThroughItsSettingsAndLinkedAccountsUnlinkOnlyWhileAnotherWayInRemains() async throws {
        let codes = OAuthStandIns.Codes()
        let github = try OAuthStandIns.gitHub(codes: codes, clientID: "gh-client", secret: "gh-secret")
        defer { github.stop() }
        let (authd, http) = try await start([
            "OAUTH_PROVIDERS": "local,github", "OAUTH_GITHUB_ISSUER": github.base,
            "OAUTH_GITHUB_CLIENT_ID": "gh-client", "OAUTH_GITHUB_CLIENT_SECRET": "gh-secret",
        ])
        defer { _ = authd.terminate() }
        let (sub, email) = try newUser()
        let token = try #require(try callback(http, try consented(http, sub: sub)).object()["token"] as? String)
        // The only way in: unlinking it is refused.
        let alone = try http.request("DELETE", "/api/v1/auth/oauth/accounts/local", token: token)
        #expect(alone.status == 409)
        #expect(try alone.object()["error"] as? String == "last_sign_in_method")

        // GitHub, through OAUTH_GITHUB_*: authorisation at the configured base, PKCE, same verified address.
        let authorize = try begin(http, "github")
        #expect(authorize.path == "/login/oauth/authorize")
        let query = Self.query(authorize)
        #expect(query["client_id"] == "gh-client" && query["code_challenge_method"] == "S256")
        let code = codes.issue(.init(challenge: try #require(query["code_challenge"]), nonce: nil, sub: "583231", email: email))
        let signedIn = try callback(
            http, ["code": code, "state": try #require(query["state"]), "redirect_uri": Self.redirect], provider: "github")
        #expect(signedIn.status == 200, "\(codes.refusals.withLock { $0 })")
        let gitHubToken = try #require(try signedIn.object()["token"] as? String)
        #expect(try userID(http, token: gitHubToken).id == (try userID(http, token: token)).id)

        let listed = try http.request("GET", "/api/v1/auth/oauth/accounts", token: token)
        #expect(listed.status == 200)
        let accounts = try #require(try listed.object()["accounts"] as? [[String: Any]])
        #expect(Set(accounts.compactMap { $0["provider"] as? String }) == ["local", "github"])
        #expect(accounts.allSatisfy { $0["email"] as? String == email && $0["created_at"] is String })

        #expect(try http.request("DELETE", "/api/v1/auth/oauth/accounts/local", token: token).status == 200)
        #expect(try http.request("DELETE", "/api/v1/auth/oauth/accounts/local", token: token).status == 404)
        #expect(try http.request("DELETE", "/api/v1/auth/oauth/accounts/github", token: token).status == 409)
        #expect(try http.request("GET", "/api/v1/auth/oauth/accounts").status == 401)
    }

    @Test func appleSignsTheClientSecretAndAcceptsTheFormPost() async throws {
        let team = P256.Signing.PrivateKey()
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("apple-\(UUID().uuidString).p8")
        try team.pemRepresentation.write(to: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: keyFile) }
        let codes = OAuthStandIns.Codes()
        let client = OAuthStandIns.AppleClient(teamID: "TEAM123456", keyID: "KEY7654321", clientID: "com.example.web", teamKey: team.publicKey)
        let apple = try OAuthStandIns.apple(codes: codes, client: client, signer: P256.Signing.PrivateKey())
        defer { apple.stop() }
        let (authd, http) = try await start([
            "OAUTH_PROVIDERS": "local,apple", "OAUTH_APPLE_ISSUER": apple.base, "OAUTH_APPLE_CLIENT_ID": client.clientID,
            "OAUTH_APPLE_TEAM_ID": client.teamID, "OAUTH_APPLE_KEY_ID": client.keyID, "OAUTH_APPLE_PRIVATE_KEY_FILE": keyFile.path,
        ])
        defer { _ = authd.terminate() }
        let relay = "x\(UUID().uuidString.prefix(8).lowercased())@privaterelay.appleid.com"

        func signIn(user: String?) throws -> [String: Any] {
            let authorize = try begin(http, "apple")
            let query = Self.query(authorize)
            #expect(authorize.path == "/auth/authorize" && query["response_mode"] == "form_post")
            let code = codes.issue(.init(
                challenge: try #require(query["code_challenge"]), nonce: query["nonce"], sub: "001234.apple-user", email: relay))
            // Apple's form post, straight to the callback: no redirect_uri; its id_token is not trusted.
            var form = [("code", code), ("state", try #require(query["state"])), ("id_token", "not.to.be.trusted")]
            if let user { form.append(("user", user)) }
            let answer = try http.request("POST", "/api/v1/auth/sign-in/apple/web/callback", form: form)
            #expect(answer.status == 200, "stand-in refusals: \(codes.refusals.withLock { $0 })")
            return try answer.object()
        }

        let first = try signIn(user: #"{"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"ignored@example.com"}"#)
        #expect(first["name"] as? [String: String] == ["first_name": "Ada", "last_name": "Lovelace"])
        let me = try userID(http, token: try #require(first["token"] as? String))
        #expect(me.email == relay && me.verified)
        // The name arrives only the first time; the returning user is the same account.
        let second = try signIn(user: nil)
        #expect(second["name"] == nil)
        #expect(try userID(http, token: try #require(second["token"] as? String)).id == me.id)
        #expect(codes.refusals.withLock { $0 }.isEmpty)

        let malformed = try http.request("POST", "/api/v1/auth/sign-in/apple/web/callback", form: [("state", "x"), ("user", "{not json")])
        #expect(malformed.status == 400)
        #expect(malformed.headers["content-type"]?.hasPrefix("application/problem+json") == true)
    }

    @Test func providerSettingsMistakesStopTheStartWithOneLine() async throws {
        let cases: [([String: String], String)] = [
            (["OAUTH_LOCAL_ISSUER": "http://idp.example.com"], "OAUTH_LOCAL_ISSUER must be an https:// URL"),
            (["OAUTH_LOCAL_ISUER": "https://idp.example.com"], "OAUTH_LOCAL_ISUER is not a setting of the OAuth provider local"),
            (["OAUTH_OKTA_CLIENT_ID": "x"], "OAUTH_OKTA_CLIENT_ID is set but its provider is not listed in OAUTH_PROVIDERS"),
            (["OAUTH_LOCAL_CLIENT_SECRET": ""], "OAUTH_LOCAL_CLIENT_SECRET is required"),
            (["OAUTH_PROVIDERS": "local,apple", "OAUTH_APPLE_CLIENT_ID": "c"], "OAUTH_APPLE_PRIVATE_KEY_FILE is required"),
        ]
        for (extra, message) in cases {
            let issuer = Self.issuer?.absoluteString ?? "http://127.0.0.1:9"
            var env = [
                "PORT": "0", "OAUTH_REDIRECT_ALLOWLIST": Self.redirect, "OAUTH_PROVIDERS": "local", "OAUTH_LOCAL_ISSUER": issuer,
                "OAUTH_LOCAL_CLIENT_ID": "id", "OAUTH_LOCAL_CLIENT_SECRET": "secret-value-not-to-echo",
            ]
            env.merge(extra) { _, new in new }
            let authd = try AuthdProcess(arguments: ["serve"], environment: env)
            authd.process.waitUntilExit()
            for _ in 0..<50 where !authd.stderr.contains(message) { try await Task.sleep(for: .milliseconds(100)) }
            #expect(authd.process.terminationStatus != 0, "\(extra) started")
            #expect(authd.stderr.contains(message), "\(extra): \(authd.stderr)")
            #expect(!authd.stderr.contains("secret-value-not-to-echo"))
        }
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func query(_ components: URLComponents) -> [String: String] {
        Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
    }
}

/// The local OpenID provider of `make test` (scripts/test-servers/oidc.sh): `AUTH_TEST_OIDC_ISSUER`.
enum LocalOpenIDProvider {
    static let environment = ProcessInfo.processInfo.environment
    static let issuer = environment["AUTH_TEST_OIDC_ISSUER"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
    /// Whether to run: the provider is there, or `make test` says it must be.
    static let expected = issuer != nil || environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"
}
