import AuthCore
import AuthTesting
import Crypto
import Foundation
import Testing

/// Refresh tokens through AuthCore on a manual clock (docs/tokens.md, "Refresh tokens").
@Suite struct TokenRefreshFlowTests {
    static func configuration(
        sessionTTL: Duration = .seconds(3600), maxLifetime: Duration = .seconds(90 * 86_400),
        accessTokenTTL: Duration? = nil
    ) -> AuthConfiguration {
        var c = AuthConfiguration()
        c.sessionTTL = sessionTTL
        c.sessionMaxLifetime = maxLifetime
        c.accessTokenTTL = accessTokenTTL
        return c
    }

    func expectUnauthorized(
        _ body: () async throws -> some Any, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let error = await #expect(throws: AuthError.self, sourceLocation: sourceLocation) { _ = try await body() }
        #expect(error?.code == .unauthorized, sourceLocation: sourceLocation)
    }

    /// The claims of a JWT, decoded.
    static func claims(_ token: String) throws -> [String: Any] {
        var part = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        while part.count % 4 != 0 { part += "=" }
        let data = try #require(Data(base64Encoded: part))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The bytes a base64url text stands for.
    static func base64URLDecoded(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }

    /// Whether `bytes` holds `part` anywhere.
    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        !part.isEmpty && bytes.indices.contains { bytes[$0...].starts(with: part) }
    }

    /// docs/security.md, "Secrets at rest": the store keeps SHA-256 of the current token and
    /// nothing a thief who reads it could present: not the token's text, its bytes or its MAC.
    @Test func refreshTokensAreStoredOnlyAsTheirHash() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        let first = try #require(try await h.deps.refreshTokens.state(of: signedIn.session.id))
        let refreshed = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        let second = try #require(try await h.deps.refreshTokens.state(of: signedIn.session.id))
        for (stored, token) in [(first, signedIn.refreshToken), (second, refreshed.refreshToken)] {
            #expect(stored.tokenHash == Array(SHA256.hash(data: Array(token.utf8))))
            let raw = try #require(Self.base64URLDecoded(token))
            for secret in [Array(token.utf8), raw, Array(raw.suffix(32))] {
                #expect(!Self.contains(stored.tokenHash, secret))
            }
        }
        #expect(first.generation == 0 && second.generation == 1)
    }

    @Test func aRefreshGivesANewPairAndTheNewAccessTokenWorks() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        #expect(!signedIn.refreshToken.isEmpty && signedIn.expiresIn == 3600)
        h.clock.advance(by: .seconds(120))
        let refreshed = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        #expect(refreshed.refreshToken != signedIn.refreshToken)
        #expect(refreshed.session.id == signedIn.session.id)
        let auth = try await h.auth.authenticate(token: refreshed.token)
        #expect(auth.session.id == signedIn.session.id)
        // The next one rotates in turn.
        let again = try await h.auth.refresh(refreshToken: refreshed.refreshToken, client: h.client)
        #expect(again.refreshToken != refreshed.refreshToken)
    }

    @Test func theReplacedTokenAnswersWithTheSameSuccessorWithinTheInterval() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        let first = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        h.clock.advance(by: .seconds(59))
        // A lost answer retried, another tab: the same successor, never a sign-out.
        let retried = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        #expect(retried.refreshToken == first.refreshToken)
        _ = try await h.auth.authenticate(token: retried.token)
        _ = try await h.auth.refresh(refreshToken: first.refreshToken, client: h.client)
    }

    @Test func theReplacedTokenAfterTheIntervalEndsTheSessionAuditedAndMailed() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        let owner = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        h.clock.advance(by: .seconds(61))
        let thief = ClientContext(ip: IPAddress("198.51.100.4"), userAgent: "curl/8", clientName: "curl")
        await expectUnauthorized { try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: thief) }
        // The whole session is over: its access token and its newest refresh token too.
        await expectUnauthorized { try await h.auth.authenticate(token: owner.token) }
        await expectUnauthorized { try await h.auth.refresh(refreshToken: owner.refreshToken, client: h.client) }
        let events = try await h.deps.audit.events(of: signedIn.user.id, limit: 50)
        #expect(events.contains { $0.kind == .refreshTokenReused && $0.client.clientName == "curl" })
        let mail = try #require(await h.mailbox.latest(to: signedIn.user.email))
        #expect(mail.kindName == "refresh_token_reused")
        #expect(mail.textBody.contains("web"))
    }

    @Test func anOlderTokenEndsTheSessionEvenWithinTheInterval() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        let first = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        let second = try await h.auth.refresh(refreshToken: first.refreshToken, client: h.client)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client) }
        await expectUnauthorized { try await h.auth.authenticate(token: second.token) }
    }

    @Test func aForgedOrMalformedTokenIsRefusedWithoutEndingTheSession() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        var forged = Array(signedIn.refreshToken)
        forged[forged.count - 2] = forged[forged.count - 2] == "A" ? "B" : "A"
        for bad in [String(forged), "", "abc", String(repeating: "A", count: 75), signedIn.token] {
            await expectUnauthorized { try await h.auth.refresh(refreshToken: bad, client: h.client) }
        }
        _ = try await h.auth.authenticate(token: signedIn.token)
        _ = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
    }

    @Test func aSessionRefreshedEveryMinuteOutlivesSessionTTL() async throws {
        let h = try await TestHarness(configuration: Self.configuration(sessionTTL: .seconds(3600)))
        let signedIn = try await h.registered()
        var refreshToken = signedIn.refreshToken
        var last = signedIn.token
        for _ in 0..<(3 * 60) {
            h.clock.advance(by: .seconds(60))
            let refreshed = try await h.auth.refresh(refreshToken: refreshToken, client: h.client)
            (refreshToken, last) = (refreshed.refreshToken, refreshed.token)
        }
        // Three hours on, three times SESSION_TTL, and still signed in.
        let auth = try await h.auth.authenticate(token: last)
        #expect(auth.session.expiresAt > h.clock.now.addingTimeInterval(3500))
        #expect(auth.session.lastUsedAt == h.clock.now)
    }

    @Test func aSessionLeftIdlePastSessionTTLEnds() async throws {
        let h = try await TestHarness(configuration: Self.configuration(sessionTTL: .seconds(3600)))
        let signedIn = try await h.registered()
        h.clock.advance(by: .seconds(1800))
        let refreshed = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        h.clock.advance(by: .seconds(3601))
        await expectUnauthorized { try await h.auth.refresh(refreshToken: refreshed.refreshToken, client: h.client) }
        await expectUnauthorized { try await h.auth.authenticate(token: refreshed.token) }
    }

    @Test func noSessionOutlivesSessionMaxLifetime() async throws {
        let h = try await TestHarness(
            configuration: Self.configuration(sessionTTL: .seconds(3600), maxLifetime: .seconds(4 * 3600)))
        let signedIn = try await h.registered()
        let created = signedIn.session.createdAt
        var refreshToken = signedIn.refreshToken
        var refreshes = 0
        while true {
            h.clock.advance(by: .seconds(600))
            do {
                let refreshed = try await h.auth.refresh(refreshToken: refreshToken, client: h.client)
                #expect(refreshed.session.expiresAt <= created.addingTimeInterval(4 * 3600))
                #expect(refreshed.tokenExpiresAt <= created.addingTimeInterval(4 * 3600))
                refreshToken = refreshed.refreshToken
                refreshes += 1
            } catch let error as AuthError where error.code == .unauthorized {
                break
            }
        }
        // Refreshed every ten minutes until the fourth hour ended it, not a minute later.
        #expect(refreshes == 23)
        #expect(h.clock.now.timeIntervalSince(created) == 4 * 3600)
    }

    @Test func accessTokensLiveAccessTokenTTLAndCarryTheSignInsAuthTime() async throws {
        let h = try await TestHarness(configuration: Self.configuration(accessTokenTTL: .seconds(300)))
        let signedIn = try await h.registered()
        #expect(signedIn.expiresIn == 300)
        let signInTime = Int(h.clock.now.timeIntervalSince1970)
        h.clock.advance(by: .seconds(301))
        await expectUnauthorized { try await h.auth.authenticate(token: signedIn.token) }
        let refreshed = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        #expect(refreshed.expiresIn == 300)
        _ = try await h.auth.authenticate(token: refreshed.token)
        let claims = try Self.claims(refreshed.token)
        #expect(claims["auth_time"] as? Int == signInTime)
        #expect(claims["aal"] as? Int == 1)
        #expect(claims["exp"] as? Int == Int(h.clock.now.timeIntervalSince1970) + 300)
    }

    @Test func endingASessionEndsItsRefreshToken() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let first = try await h.registered()
        let password = "correct horse battery"
        guard case .signedIn(let second) = try await h.auth.signIn(email: "ada@example.com", password: password, client: h.client),
              case .signedIn(let third) = try await h.auth.signIn(email: "ada@example.com", password: password, client: h.client)
        else { Issue.record("expected sessions"); return }
        // logout-all ends the others' refresh tokens, this one's stays good.
        try await h.auth.logout.others(try await h.auth.authenticate(token: third.token), client: h.client)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: first.refreshToken, client: h.client) }
        await expectUnauthorized { try await h.auth.refresh(refreshToken: second.refreshToken, client: h.client) }
        let kept = try await h.auth.refresh(refreshToken: third.refreshToken, client: h.client)
        // logout ends this one's.
        try await h.auth.logout.current(try await h.auth.authenticate(token: kept.token), client: h.client)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: kept.refreshToken, client: h.client) }
    }

    @Test func aBanAndAPasswordResetEndRefreshTokens() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        let challenge = try await h.auth.passwordReset.request(email: "ada@example.com", client: h.client)
        try await h.auth.passwordReset.complete(
            id: challenge.verificationID, code: try await h.code(for: "ada@example.com"),
            newPassword: "another long password", client: h.client)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client) }
        guard case .signedIn(let again) = try await h.auth.signIn(
            email: "ada@example.com", password: "another long password", client: h.client)
        else { Issue.record("expected a session"); return }
        try await h.auth.administration.setBanned(again.user.id, true)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: again.refreshToken, client: h.client) }
    }

    @Test func deletingTheAccountEndsItsRefreshTokens() async throws {
        let h = try await TestHarness(configuration: Self.configuration())
        let signedIn = try await h.registered()
        try await h.auth.deleteAccount(try await h.auth.authenticate(token: signedIn.token), client: h.client)
        await expectUnauthorized { try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client) }
    }

    @Test func refreshesAreLimitedPerSession() async throws {
        var configuration = Self.configuration()
        configuration.abuse.refreshesPerSession = RateLimitPolicy(limit: 3, window: .seconds(60))
        let h = try await TestHarness(configuration: configuration)
        var token = try await h.registered().refreshToken
        for _ in 0..<3 { token = try await h.auth.refresh(refreshToken: token, client: h.client).refreshToken }
        let error = await #expect(throws: AuthError.self) { try await h.auth.refresh(refreshToken: token, client: h.client) }
        #expect(error?.code == .rateLimited)
        h.clock.advance(by: .seconds(61))
        _ = try await h.auth.refresh(refreshToken: token, client: h.client)
    }
}
