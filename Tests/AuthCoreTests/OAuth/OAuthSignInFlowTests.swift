import AuthCore
import AuthTesting
import Foundation
import Testing

@Suite struct OAuthSignInFlowTests {
    @Test func newUserIsCreatedVerifiedWithPictureAndLinked() async throws {
        let bed = try await OAuthTestbed()
        let (callerState, result) = try await bed.signIn()
        #expect(callerState == "caller-state")
        let signedIn = try #require(result.signedIn)
        #expect(signedIn.user.email.value == "ada@example.com")
        #expect(signedIn.user.isEmailVerified)
        #expect(signedIn.user.imageURL == "https://img.example.test/ada.png")
        #expect(try await bed.harness.auth.authenticate(token: signedIn.token).user.id == signedIn.user.id)
        let links = try await bed.harness.deps.oauthAccounts.accounts(of: signedIn.user.id)
        #expect(links.map(\.provider) == ["idp"])
        #expect(links.map(\.subject) == ["subject-1"])
    }

    @Test func returningUserGetsTheSameAccountEvenAfterAnEmailChange() async throws {
        let bed = try await OAuthTestbed()
        let first = try #require(try await bed.signIn().result.signedIn)
        let second = try #require(try await bed.signIn { $0.email = "ada.lovelace@example.com" }.result.signedIn)
        #expect(second.user.id == first.user.id)
        #expect(try await bed.harness.deps.users.user(email: EmailAddress("ada.lovelace@example.com")) == nil)
    }

    @Test func authorizationRequestCarriesPKCEAndNonceAndAllowListedRedirect() async throws {
        let bed = try await OAuthTestbed()
        let (url, state) = try await bed.start()
        let query = FakeIdentityProvider.query(url)
        #expect(url.absoluteString.hasPrefix("\(FakeIdentityProvider.issuer)/authorize?"))
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == FakeIdentityProvider.clientID)
        #expect(query["redirect_uri"] == OAuthTestbed.redirect)
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"]?.count == 43)
        #expect(query["nonce"]?.count == 43)
        #expect(state.count == 43 && state != "caller-state")
        #expect(query["scope"]?.split(separator: " ").contains("openid") == true)
    }

    @Test func existingVerifiedAccountIsLinked() async throws {
        let bed = try await OAuthTestbed()
        let registered = try await bed.harness.registered("ada@example.com")
        let signedIn = try #require(try await bed.signIn().result.signedIn)
        #expect(signedIn.user.id == registered.user.id)
        #expect(signedIn.user.imageURL == nil)  // the picture is for new users only
        #expect(try await bed.harness.deps.oauthAccounts.accounts(of: registered.user.id).count == 1)
    }

    @Test func theProviderVerifiedOwnerTakesAnUnverifiedAccountOverAndTheSquatterIsOut() async throws {
        let bed = try await OAuthTestbed()
        // A squatter signs up in the owner's name and never verifies.
        let squatter = "squatter password"
        let pending = try await bed.harness.auth.signUp(email: "ada@example.com", password: squatter, client: bed.client)
        let squattersCode = try await bed.harness.code(for: "ada@example.com")
        let signedIn = try #require(try await bed.signIn().result.signedIn)
        #expect(signedIn.user.email.value == "ada@example.com")
        #expect(signedIn.user.isEmailVerified)
        #expect(try await bed.harness.deps.oauthAccounts.accounts(of: signedIn.user.id).count == 1)
        // Neither the squatter's password nor their pending code opens the account now.
        let password = await #expect(throws: AuthError.self) {
            _ = try await bed.harness.auth.signIn(email: "ada@example.com", password: squatter, client: bed.client)
        }
        #expect(password?.code == .invalidCredentials)
        let code = await #expect(throws: AuthError.self) {
            _ = try await bed.harness.auth.verifyEmail(id: pending.verificationID, code: squattersCode, client: bed.client)
        }
        #expect(code?.code == .invalidCode)
        // The owner signs in again through the provider, to the same account.
        #expect(try #require(try await bed.signIn().result.signedIn).user.id == signedIn.user.id)
    }

    @Test(arguments: [false, nil] as [Bool?])
    func providerMustSayTheEmailIsVerified(_ verified: Bool?) async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.emailNotVerified) { _ = try await bed.signIn { $0.email_verified = verified } }
        #expect(try await bed.harness.deps.users.user(email: EmailAddress("ada@example.com")) == nil)
    }

    @Test func mfaAppliesToOAuthSignIns() async throws {
        let bed = try await OAuthTestbed()
        let first = try #require(try await bed.signIn().result.signedIn)
        let me = try await bed.harness.auth.authenticate(token: first.token)
        _ = try await bed.harness.auth.setMFA(me, enabled: true, client: bed.client)
        let (callerState, result) = try await bed.signIn()
        #expect(callerState == "caller-state")
        guard case .mfaRequired(let challenge) = result else { Issue.record("expected an MFA challenge"); return }
        let code = try await bed.harness.code(for: "ada@example.com")
        let session = try await bed.harness.auth.completeMFASignIn(id: challenge.verificationID, code: code, client: bed.client)
        #expect(session.user.id == first.user.id)
    }

    @Test func bannedUserIsRefused() async throws {
        let bed = try await OAuthTestbed()
        let user = try #require(try await bed.signIn().result.signedIn).user
        try await bed.harness.deps.users.setBanned(user.id, true, at: bed.harness.clock.now)
        await bed.expectRefused(.accountUnavailable) { _ = try await bed.signIn() }
    }

    /// An error whose text quotes what the provider said, as a driver's or a decoder's may.
    struct QuotingError: Error, CustomStringConvertible, LocalizedError {
        var description: String
        var errorDescription: String? { description }
    }

    /// docs/security.md, "Logs and error bodies": a refusal logs which check failed and the type of
    /// an underlying error, never a text the provider wrote (it may quote codes, secrets, or
    /// anything an attacker who controls the answer wants in the logs).
    @Test func oauthRefusalsLogTheCheckButNeverTheProvidersText() async throws {
        let log = LogCapture()
        let bed = try await OAuthTestbed(logger: log.logger)
        let text = "Zq81 provider says: client_secret=hunter2"
        let json = ["content-type": "application/json"]
        // The token endpoint refuses the code in its own words…
        bed.idp.edit {
            $0.tokenAnswer = FetchResponse(
                status: 400, headers: json, body: Array(#"{"error":"invalid_grant","error_description":"\#(text)"}"#.utf8))
        }
        await bed.expectRefused(.tokenExchange) { _ = try await bed.signIn() }
        // …answers something that is not a token response…
        bed.idp.edit { $0.tokenAnswer = FetchResponse(status: 200, headers: json, body: Array("{\(text)".utf8)) }
        await bed.expectRefused(.tokenExchange) { _ = try await bed.signIn() }
        // …or the request fails with an error that quotes it.
        bed.idp.edit {
            $0.tokenAnswer = nil
            $0.tokenFailure = QuotingError(description: text)
        }
        await bed.expectRefused(.providerUnavailable) { _ = try await bed.signIn() }
        // The callback brings the provider's error in its own words.
        let (_, state) = try await bed.start()
        let error = await bed.flow.providerError(provider: "idp", state: state, error: text, client: bed.client)
        #expect(error.oauthFailure == .providerError)

        let lines = log.lines()
        let refusals = lines.filter { $0.contains("oauth sign-in refused") }
        #expect(refusals.count == 4)
        for reason in ["token_exchange", "provider_unavailable", "provider_error"] {
            #expect(refusals.contains { $0.contains(reason) }, "no refusal logged as \(reason)")
        }
        #expect(refusals.contains { $0.contains("QuotingError") })  // the type is there, its text is not
        for line in lines { #expect(!line.contains("Zq81") && !line.contains("hunter2"), "\(line)") }
    }
}
