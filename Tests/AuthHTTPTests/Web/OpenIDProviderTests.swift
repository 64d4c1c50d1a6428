import AuthCore
import AuthHTTP
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// authd as an OpenID Provider over HTTP, in process: the code flow with PKCE, the token, userinfo,
/// revocation and logout endpoints, and the OpenID Basic OP checks (docs/oidc.md). Real clients
/// (Apache's mod_auth_openidc, authlib, PyJWT) drive a running authd in Tests/browser.
@Suite("OpenID provider")
struct OpenIDProviderTests {
    typealias Browser = WebPagesTests.Browser
    static let redirect = "https://app.example.com/callback"
    static let verifier = String(repeating: "v", count: 43) + "erifier"
    static var challenge: String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// A harness with the pages, a verified user signed in to a browser, and a client.
    struct Setup {
        let harness: HTTPHarness
        let client: RegisteredClient
    }

    static func setup(public isPublic: Bool = false, firstParty: Bool = true) async throws -> Setup {
        let h = try await HTTPHarness(web: WebPagesTests.web)
        let client = try await h.auth.openIDClients.add(.init(
            name: "Notes", redirectURIs: [redirect], postLogoutRedirectURIs: ["https://app.example.com/bye"],
            isPublic: isPublic, isFirstParty: firstParty))
        return Setup(harness: h, client: client)
    }

    static func authorizePath(
        _ client: OpenIDClient, redirect: String = redirect, scope: String = "openid email offline_access", extra: String = ""
    ) -> String {
        "/oauth2/authorize?response_type=code&client_id=\(client.id)&redirect_uri=\(redirect.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            + "&scope=\(scope.replacingOccurrences(of: " ", with: "%20"))&state=s1&nonce=n1&code_challenge=\(challenge)&code_challenge_method=S256"
            + extra
    }

    /// Where a response sends the browser: its `Location`, or the link (and refresh) of the page
    /// that goes back to the app after one of our forms.
    static func destination(_ response: TestResponse) throws -> String {
        if let location = response.headers[.location] { return location }
        let html = String(buffer: response.body)
        let href = try #require(html.firstMatch(of: /<a href="([^"]+)" id="continue-link">/)).1
        #expect(html.contains(#"<meta http-equiv="refresh" content="0;url="#))
        return unescaped(String(href))
    }

    /// HTML attribute text as the browser reads it.
    static func unescaped(_ text: String) -> String {
        var text = text
        for (entity, character) in [("&#x3D;", "="), ("&#61;", "="), ("&#x2F;", "/"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The query parameters of where a response sends the browser.
    static func parameters(_ response: TestResponse) throws -> [String: String] {
        let location = try destination(response)
        let components = try #require(URLComponents(string: location))
        return Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    /// Posts a form to the token (or revocation) endpoint, authenticating as `client`.
    static func form(
        _ client: any TestClientProtocol, _ path: String, _ fields: [String: String], as registered: RegisteredClient
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        var fields = fields
        if let secret = registered.secret {
            headers[.authorization] = "Basic " + Data("\(registered.client.id):\(secret)".utf8).base64EncodedString()
        } else {
            fields["client_id"] = registered.client.id
        }
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// The claims of a JWS, unverified (the signature is checked against the JWKS separately).
    static func claims(_ jwt: String, part: Int = 1) throws -> [String: Any] {
        var text = String(jwt.split(separator: ".")[part]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        let data = try #require(Data(base64Encoded: text))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Signs a browser in, then runs the authorization request to its code.
    static func code(_ browser: Browser, _ client: OpenIDClient, extra: String = "") async throws -> String {
        let answer = try await browser.get(authorizePath(client, extra: extra))
        #expect(answer.status == .seeOther)
        let query = try parameters(answer)
        #expect(query["state"] == "s1")
        #expect(query["iss"] == "http://localhost:8080")
        return try #require(query["code"])
    }

    /// A verified user, signed in to a browser of `client`.
    static func signedIn(_ s: Setup, _ client: any TestClientProtocol) async throws -> Browser {
        _ = try await client.registered(s.harness, "ada@example.com", password: AdminTestSupport.password)
        let browser = Browser(client)
        _ = try await browser.signIn("ada@example.com")
        return browser
    }

    /// A signed-in browser, and what exchanging its first code gave the client.
    static func signedInWithTokens(_ s: Setup, _ client: any TestClientProtocol) async throws -> (Browser, [String: Any]) {
        let browser = try await signedIn(s, client)
        let code = try await Self.code(browser, s.client.client)
        let tokens = try await Self.form(client, "/oauth2/token", [
            "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "code_verifier": Self.verifier,
        ], as: s.client).object()
        return (browser, tokens)
    }

    @Test func theCodeFlowWithPKCEGivesTokensThatUserinfoAndTheJWKSAccept() async throws {
        let s = try await Self.setup(public: true)
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let code = try await Self.code(browser, s.client.client)
            let exchanged = try await Self.form(client, "/oauth2/token", [
                "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "code_verifier": Self.verifier,
            ], as: s.client)
            #expect(exchanged.status == .ok)
            let tokens = try exchanged.object()
            let access = try #require(tokens["access_token"] as? String)
            let idToken = try #require(tokens["id_token"] as? String)
            #expect(tokens["token_type"] as? String == "Bearer")
            #expect(tokens["refresh_token"] is String)

            let header = try Self.claims(idToken, part: 0)
            #expect(header["alg"] as? String == "RS256")
            let claims = try Self.claims(idToken)
            #expect(claims["iss"] as? String == "http://localhost:8080")
            #expect(claims["aud"] as? String == s.client.client.id)
            #expect(claims["nonce"] as? String == "n1")
            #expect(claims["email"] as? String == "ada@example.com")
            #expect(claims["acr"] as? String == "aal1")
            let expectedHash = Data(SHA256.hash(data: Data(access.utf8)).prefix(16)).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(claims["at_hash"] as? String == expectedHash)
            // The ID token's key is published, as an RSA key.
            let jwks = try await client.send(.get, "/.well-known/jwks.json").object()
            let keys = try #require(jwks["keys"] as? [[String: Any]])
            #expect(keys.contains { $0["kid"] as? String == header["kid"] as? String && $0["kty"] as? String == "RSA" })

            // userinfo by GET and by POST.
            let byGet = try await client.send(.get, "/oauth2/userinfo", token: access)
            #expect(try byGet.object()["email"] as? String == "ada@example.com")
            let byPost = try await client.send(.post, "/oauth2/userinfo", token: access)
            #expect(try byPost.object()["sub"] as? String == claims["sub"] as? String)
            // An app's token is not a key to the account API, nor is its ID token.
            try await client.send(.get, "/api/v1/auth/me", token: access).expectProblem(.unauthorized, "unauthorized")
            try await client.send(.get, "/api/v1/auth/me", token: idToken).expectProblem(.unauthorized, "unauthorized")
        }
    }

    @Test func aCodeUsedTwiceFailsAndRevokesWhatItIssued() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let code = try await Self.code(browser, s.client.client)
            let fields = ["grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "code_verifier": Self.verifier]
            let first = try await Self.form(client, "/oauth2/token", fields, as: s.client).object()
            let access = try #require(first["access_token"] as? String)
            let refresh = try #require(first["refresh_token"] as? String)
            #expect(try await client.send(.get, "/oauth2/userinfo", token: access).status == .ok)

            try await Self.form(client, "/oauth2/token", fields, as: s.client).expectProblem(.badRequest, "invalid_grant")
            #expect(try await client.send(.get, "/oauth2/userinfo", token: access).status == .unauthorized)
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": refresh], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func refreshRotatesAndAReusedTokenEndsTheGrant() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let (_, first) = try await Self.signedInWithTokens(s, client)
            let r0 = try #require(first["refresh_token"] as? String)
            let second = try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": r0], as: s.client).object()
            let r1 = try #require(second["refresh_token"] as? String)
            #expect(r1 != r0)
            // The replaced token, within the reuse interval: the same successor, not a sign-out.
            let again = try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": r0], as: s.client).object()
            #expect(again["refresh_token"] as? String == r1)
            let third = try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": r1], as: s.client).object()
            let r2 = try #require(third["refresh_token"] as? String)
            // r0 is two generations old: reuse, and the grant ends.
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": r0], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": r2], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func anAppInUseKeepsItsUserSignedInPastTheSessionTTL() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let (_, first) = try await Self.signedInWithTokens(s, client)
            var refresh = try #require(first["refresh_token"] as? String)
            // Every six days for three weeks: each refresh slides the authd session (7 days).
            for _ in 0..<3 {
                s.harness.clock.advance(by: .seconds(6 * 24 * 3600))
                let next = try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": refresh], as: s.client)
                #expect(next.status == .ok)
                refresh = try #require(try next.object()["refresh_token"] as? String)
            }
            // Unused for longer than the session's TTL: the sign-in has ended.
            s.harness.clock.advance(by: .seconds(8 * 24 * 3600))
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": refresh], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func anUnregisteredRedirectURIIsNeverRedirectedTo() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let path = Self.authorizePath(s.client.client, redirect: "https://evil.example.com/callback")
            let answer = try await client.send(.get, path)
            #expect(answer.status == .badRequest)
            #expect(answer.headers[.location] == nil)
            let unknown = try await client.send(.get, "/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fevil.example.com")
            #expect(unknown.status == .badRequest)
            #expect(unknown.headers[.location] == nil)
        }
    }

    @Test func promptNoneWithoutASessionAnswersLoginRequired() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let answer = try await client.send(.get, Self.authorizePath(s.client.client, extra: "&prompt=none"))
            #expect(answer.status == .seeOther)
            let query = try Self.parameters(answer)
            #expect(query["error"] == "login_required")
            #expect(query["state"] == "s1")
            #expect(try #require(answer.headers[.location]).hasPrefix(Self.redirect))
        }
    }

    @Test func withoutASessionTheBrowserSignsInAndComesBackForItsCode() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            _ = try await client.registered(s.harness, "ada@example.com", password: AdminTestSupport.password)
            let browser = Browser(client)
            // An unknown parameter is ignored.
            let start = try await browser.get(Self.authorizePath(s.client.client, extra: "&unknown_thing=1&login_hint=ada%40example.com"))
            let signIn = try #require(start.headers[.location])
            #expect(signIn.hasPrefix("/ui/sign-in?next="))
            let page = try await browser.get(signIn)
            #expect(String(buffer: page.body).contains(#"value="ada@example.com""#))
            let next = Self.unescaped(String(try #require(String(buffer: page.body).firstMatch(of: /name="next" value="([^"]+)"/)).1))
            #expect(next.hasPrefix("/oauth2/authorize/continue?request="))
            let signedIn = try await browser.post("/ui/sign-in", [
                "email": "ada@example.com", "password": AdminTestSupport.password, "csrf": try Browser.csrf(page), "next": String(next),
            ])
            let back = try await browser.get(try #require(signedIn.headers[.location]))
            // After the sign-in form, back to the app through a page, not a redirect.
            #expect(back.status == .ok)
            #expect(try Self.parameters(back)["code"] != nil)
        }
    }

    @Test func maxAgeForcesANewSignIn() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            s.harness.clock.advance(by: .seconds(5))
            let answer = try await browser.get(Self.authorizePath(s.client.client, extra: "&max_age=1"))
            #expect(try #require(answer.headers[.location]).hasPrefix("/ui/sign-in?next="))
        }
    }

    @Test func authorizeByPostWorks() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let query = String(Self.authorizePath(s.client.client).split(separator: "?", maxSplits: 1)[1])
            let fields = Dictionary(uniqueKeysWithValues: query.split(separator: "&").map {
                let pair = $0.split(separator: "=", maxSplits: 1).map(String.init)
                return (pair[0], pair[1].removingPercentEncoding ?? pair[1])
            })
            // From the client's site, without a CSRF token: a request, not a state change of ours.
            let answer = try await browser.post("/oauth2/authorize", fields, origin: "https://app.example.com")
            #expect(try Self.parameters(answer)["code"] != nil)
        }
    }

    @Test func aThirdPartyClientAsksForConsentOnceAndDisconnectingEndsItsTokens() async throws {
        let s = try await Self.setup(firstParty: false)
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let consent = try await browser.get(Self.authorizePath(s.client.client))
            #expect(consent.status == .ok)
            let html = String(buffer: consent.body)
            #expect(html.contains("Allow Notes?"))
            let request = try #require(html.firstMatch(of: /name="request" value="([^"]+)"/)).1
            let allowed = try await browser.post("/oauth2/consent", ["csrf": try Browser.csrf(consent), "request": String(request), "decision": "allow"])
            let code = try #require(try Self.parameters(allowed)["code"])
            let tokens = try await Self.form(client, "/oauth2/token", [
                "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "code_verifier": Self.verifier,
            ], as: s.client).object()
            let access = try #require(tokens["access_token"] as? String)
            // Remembered: the next request goes straight back with a code.
            _ = try await Self.code(browser, s.client.client)

            let account = try await browser.get("/ui/account")
            #expect(String(buffer: account.body).contains("Notes"))
            let disconnected = try await browser.post(
                "/ui/account/apps/\(s.client.client.id)/disconnect", ["csrf": try Browser.csrf(account)])
            #expect(disconnected.status == .seeOther)
            #expect(try await client.send(.get, "/oauth2/userinfo", token: access).status == .unauthorized)
            #expect(try await browser.get(Self.authorizePath(s.client.client)).status == .ok)  // asked again
        }
    }

    @Test func logoutWithTheIDTokenHintEndsTheSessionAndEveryAppsTokens() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let (browser, tokens) = try await Self.signedInWithTokens(s, client)
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            let idToken = try #require(tokens["id_token"] as? String)
            let active = try await Self.form(client, "/api/v1/auth/introspect", ["token": access], as: s.client).object()
            #expect(active["active"] as? Bool == true)
            #expect(active["client_id"] as? String == s.client.client.id)

            let bye = "https://app.example.com/bye"
            let out = try await browser.get(
                "/oauth2/logout?id_token_hint=\(idToken)&post_logout_redirect_uri=\(bye.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&state=x")
            #expect(try Self.destination(out) == bye + "?state=x")
            #expect(try await browser.get("/ui/account").status != .ok)
            let inactive = try await Self.form(client, "/api/v1/auth/introspect", ["token": access], as: s.client).object()
            #expect(inactive["active"] as? Bool == false)
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": refresh], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func revocationEndsTheGrant() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let (_, tokens) = try await Self.signedInWithTokens(s, client)
            let refresh = try #require(tokens["refresh_token"] as? String)
            let access = try #require(tokens["access_token"] as? String)
            #expect(try await Self.form(client, "/oauth2/revoke", ["token": refresh], as: s.client).status == .ok)
            #expect(try await client.send(.get, "/oauth2/userinfo", token: access).status == .unauthorized)
            // A wrong secret is invalid_client (401).
            var wrong = s.client
            wrong.secret = "not-the-secret"
            try await Self.form(client, "/oauth2/revoke", ["token": refresh], as: wrong).expectProblem(.unauthorized, "invalid_client")
        }
    }

    @Test func aCodeLivesSixtySeconds() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let code = try await Self.code(browser, s.client.client)
            s.harness.clock.advance(by: .seconds(61))
            try await Self.form(client, "/oauth2/token", [
                "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect, "code_verifier": Self.verifier,
            ], as: s.client).expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func aWrongVerifierOrRedirectURIGetsNoTokens() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let code = try await Self.code(browser, s.client.client)
            try await Self.form(client, "/oauth2/token", [
                "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect,
                "code_verifier": String(repeating: "x", count: 43),
            ], as: s.client).expectProblem(.badRequest, "invalid_grant")
            let other = try await Self.code(browser, s.client.client)
            try await Self.form(client, "/oauth2/token", [
                "grant_type": "authorization_code", "code": other, "redirect_uri": "https://app.example.com/other",
                "code_verifier": Self.verifier,
            ], as: s.client).expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func aBanEndsTheAppsTokensAtOnce() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let (_, tokens) = try await Self.signedInWithTokens(s, client)
            let access = try #require(tokens["access_token"] as? String)
            let refresh = try #require(tokens["refresh_token"] as? String)
            let user = try #require(try await s.harness.dependencies.users.user(email: try EmailAddress("ada@example.com")))
            try await s.harness.dependencies.users.setBanned(user.id, true, at: s.harness.clock.now)
            try await s.harness.dependencies.cache.invalidateAll(of: user.id)
            #expect(try await client.send(.get, "/oauth2/userinfo", token: access).status == .unauthorized)
            try await Self.form(client, "/oauth2/token", ["grant_type": "refresh_token", "refresh_token": refresh], as: s.client)
                .expectProblem(.badRequest, "invalid_grant")
        }
    }

    @Test func aCrossSiteLogoutConfirmationSignsNobodyOut() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let browser = try await Self.signedIn(s, client)
            let account = try await browser.get("/ui/account")
            // The token is right but the form comes from another site: the confirmation page again.
            let forged = try await browser.post(
                "/oauth2/logout", ["confirm": "yes", "csrf": try Browser.csrf(account)], origin: "https://evil.example.com")
            #expect(forged.status == .ok)
            #expect(String(buffer: forged.body).contains("Sign out?"))
            #expect(try await browser.get("/ui/account").status == .ok)
            // Our own page's confirmation signs out.
            let page = try await browser.get("/oauth2/logout")
            let out = try await browser.post("/oauth2/logout", ["confirm": "yes", "csrf": try Browser.csrf(page)])
            #expect(String(buffer: out.body).contains("You are signed out."))
            #expect(try await browser.get("/ui/account").status != .ok)
        }
    }

    @Test func discoveryListsRS256AndNeverNone() async throws {
        let s = try await Self.setup()
        try await s.harness.test { client in
            let document = try await client.send(.get, "/.well-known/openid-configuration").object()
            #expect(document["issuer"] as? String == "http://localhost:8080")
            let algorithms = try #require(document["id_token_signing_alg_values_supported"] as? [String])
            #expect(algorithms.contains("RS256"))
            #expect(!algorithms.contains("none"))
            #expect(document["code_challenge_methods_supported"] as? [String] == ["S256"])
        }
    }
}
