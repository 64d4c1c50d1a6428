import AuthCore
import AuthTesting
import Foundation
import Testing

/// The id_token checks, each driven through a whole sign-in so a refusal is what a user would see.
@Suite struct IDTokenVerificationTests {
    @Test func wrongNonceIsRefused() async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.nonce) { _ = try await bed.signIn { $0.nonce = "some-other-nonce" } }
        await bed.expectRefused(.nonce) { _ = try await bed.signIn { $0.nonce = nil } }
    }

    @Test func tamperedSignatureIsRefused() async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.signature) { _ = try await bed.signIn(tamper: true) }
    }

    @Test func expiredTokenIsRefused() async throws {
        let bed = try await OAuthTestbed()
        let now = Int(bed.harness.clock.now.timeIntervalSince1970)
        await bed.expectRefused(.expired) {
            _ = try await bed.signIn {
                $0.iat = now - 900
                $0.exp = now - 120
            }
        }
        // Within the 60 s leeway a just-expired token still passes (clock skew with the provider).
        _ = try await bed.signIn { $0.exp = now - 30 }
    }

    @Test func tokenIssuedInTheFutureIsRefused() async throws {
        let bed = try await OAuthTestbed()
        let now = Int(bed.harness.clock.now.timeIntervalSince1970)
        await bed.expectRefused(.expired) { _ = try await bed.signIn { $0.iat = now + 600; $0.exp = now + 900 } }
    }

    @Test func wrongAudienceIsRefused() async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.audience) { _ = try await bed.signIn { $0.aud = ["another-client"] } }
        // Our client plus an audience we do not trust is refused too.
        await bed.expectRefused(.audience) { _ = try await bed.signIn { $0.aud = [FakeIdentityProvider.clientID, "another-client"] } }
    }

    @Test func wrongIssuerIsRefused() async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.issuer) { _ = try await bed.signIn { $0.iss = "https://evil.example" } }
    }

    @Test func unknownKeyIsRefusedWithoutFallingBackToAnotherKey() async throws {
        let bed = try await OAuthTestbed()
        _ = try await bed.signIn()  // caches the JWKS
        await bed.expectRefused(.malformedIDToken) { _ = try await bed.signIn(kid: "not-in-the-set") }
    }

    @Test func rotatedKeyIsFetchedOnceItsKidAppears() async throws {
        let bed = try await OAuthTestbed()
        _ = try await bed.signIn()
        #expect(bed.idp.jwksFetches == 1)
        bed.idp.rotateKey()
        // Right after a fetch, an unknown kid does not trigger another one (no fetch floods)…
        await bed.expectRefused(.malformedIDToken) { _ = try await bed.signIn() }
        #expect(bed.idp.jwksFetches == 1)
        // …but once the minimum interval has passed, it does, and the new key verifies.
        bed.harness.clock.advance(by: .seconds(61))
        _ = try #require(try await bed.signIn().result.signedIn)
        #expect(bed.idp.jwksFetches == 2)
        _ = try await bed.signIn()
        #expect(bed.idp.jwksFetches == 2)
    }

    @Test func tokenWithoutKidVerifiesOnlyAgainstASingleKeySet() async throws {
        let bed = try await OAuthTestbed()
        _ = try #require(try await bed.signIn(kid: .some(nil)).result.signedIn)
    }

    @Test func discoveryMustNameTheConfiguredIssuer() async throws {
        let bed = try await OAuthTestbed()
        bed.idp.edit { $0.discoveryIssuer = "https://idp.example.test.evil.net" }
        await bed.expectRefused(.discovery) { _ = try await bed.start() }
    }

    @Test func refusedCodeAtTheTokenEndpointIsRefused() async throws {
        let bed = try await OAuthTestbed()
        let (_, state) = try await bed.start()
        await bed.expectRefused(.tokenExchange) {
            _ = try await bed.flow.complete(
                provider: "idp", code: "made-up", state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test func failingTokenEndpointIsRefused() async throws {
        let bed = try await OAuthTestbed()
        let (url, state) = try await bed.start()
        let code = bed.idp.authorize(url)
        bed.idp.edit { $0.tokenStatus = 503 }
        await bed.expectRefused(.tokenExchange) {
            _ = try await bed.flow.complete(provider: "idp", code: code, state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }
}
