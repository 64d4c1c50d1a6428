import AccountPages
import Accounts
import AuthCore
import AuthTesting
import Foundation
import HummingbirdTesting
import Testing

/// The flows of docs/embedding.md, run as written.
@Suite struct EmbeddingGuideTests {
    static let secret = Array("a JWT secret of at least 32 bytes!".utf8)

    func accounts() async throws -> Accounts {
        try await Accounts(secret: Self.secret, hasher: Argon2idPasswordHasher(configuration: .cheapForTests))
    }

    @Test func aUserSignsUpAndVerifiesTheirAddress() async throws {
        let accounts = try await accounts()
        let id = try await accounts.register(email: "grace@example.com", password: "a long passphrase")
        #expect(try await accounts.dependencies.users.user(id: id)?.isEmailVerified == true)
    }

    @Test func aUserAddsAnAuthenticatorAppAndSignsInWithIt() async throws {
        let accounts = try await accounts()
        _ = try await accounts.register(email: "grace@example.com", password: "a long passphrase")
        let first = try await accounts.signIn(email: "grace@example.com", password: "a long passphrase") { "" }
        let enrolment = try await accounts.startAuthenticator(token: first.token)
        // The app's side, in a test: AuthCore's TOTP makes the codes an authenticator app shows.
        let app = try #require(TOTP(base32Secret: enrolment.secret))
        let codes = try await accounts.confirmAuthenticator(token: first.token, id: enrolment.id, code: app.code(at: Date()))
        #expect(codes?.count == 10)
        // The confirming code's time step is spent (a seen code is never accepted again), so the
        // sign-in uses the next step's code.
        let next = app.code(step: app.step(at: Date()) + 1)
        let second = try await accounts.signIn(email: "grace@example.com", password: "a long passphrase") { next }
        #expect(second.session.aal == 2)
        #expect(enrolment.otpauthURI.contains("issuer=authd"))
    }

    @Test func sharedLimitsAndTheIssuerNameAreConfigured() async throws {
        let auth = try await makeAuthService(secret: Self.secret, sharedLimiter: InMemoryRateLimiter())
        #expect(auth.configuration.abuse.passwordFailuresPerAccountAndNetwork.limit == 10)
        #expect(auth.configuration.totpIssuer == "Example Shop")
    }

    @Test func thePagesAndTheAPIServeFromYourOwnProcess() async throws {
        let accounts = try await accounts()
        let app = makeAccountPages(auth: accounts.auth, jwtSecret: Self.secret, limiter: InMemoryRateLimiter())
        try await app.makeApplication(host: "127.0.0.1", port: 0).test(.router) { client in
            let page = try await client.executeRequest(uri: "/ui/sign-in", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            let me = try await client.executeRequest(uri: "/api/v1/auth/me", method: .get, headers: [:], body: nil)
            #expect(me.status == .unauthorized)
        }
    }
}
