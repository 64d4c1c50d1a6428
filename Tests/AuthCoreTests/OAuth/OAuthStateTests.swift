import AuthCore
import AuthTesting
import Foundation
import Testing

/// The server-side `state`: stored, single use, short-lived, bound to provider and redirect URI.
@Suite struct OAuthStateTests {
    @Test func stateIsSingleUseEvenWhenTheFirstUseFails() async throws {
        let bed = try await OAuthTestbed()
        let (url, state) = try await bed.start()
        let code = bed.idp.authorize(url)
        _ = try await bed.flow.complete(provider: "idp", code: code, state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        await bed.expectRefused(.unknownState) {
            _ = try await bed.flow.complete(provider: "idp", code: code, state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
        // A failed first use (wrong redirect) spends the state too.
        let (url2, state2) = try await bed.start()
        let code2 = bed.idp.authorize(url2)
        await bed.expectRefused(.redirectMismatch) {
            _ = try await bed.flow.complete(
                provider: "idp", code: code2, state: state2, redirectURI: "https://app.example.com/prefix/x", client: bed.client)
        }
        await bed.expectRefused(.unknownState) {
            _ = try await bed.flow.complete(provider: "idp", code: code2, state: state2, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test(arguments: ["", "caller-state", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", String(repeating: "x", count: 5000)])
    func unknownStatesAreRefused(_ state: String) async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.unknownState) {
            _ = try await bed.flow.complete(provider: "idp", code: "c", state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test func stateExpiresAfterItsTTL() async throws {
        var config = OAuthSignInFlow.Configuration()
        config.stateTTL = .seconds(300)
        let bed = try await OAuthTestbed(configuration: config)
        let (url, state) = try await bed.start()
        let code = bed.idp.authorize(url)
        bed.harness.clock.advance(by: .seconds(301))
        await bed.expectRefused(.unknownState) {
            _ = try await bed.flow.complete(provider: "idp", code: code, state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test func stateOfOneProviderCannotBeRedeemedAtAnother() async throws {
        let other = OIDCProvider(
            name: "other", issuer: URL(string: FakeIdentityProvider.issuer)!, clientID: "x", clientSecret: "y",
            fetcher: FakeIdentityProvider(clock: ManualClock()))
        let bed = try await OAuthTestbed(extraProviders: [other])
        let (url, state) = try await bed.start("idp")
        await bed.expectRefused(.providerMismatch) {
            _ = try await bed.flow.complete(
                provider: "other", code: bed.idp.authorize(url), state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test func redirectURIMustBeAllowListed() async throws {
        let bed = try await OAuthTestbed()
        for uri in ["https://evil.example/auth/callback", "https://app.example.com/auth/callback/x", "https://app.example.com/prefixed"] {
            await bed.expectRefused(.redirectNotAllowed) {
                _ = try await bed.flow.start(provider: "idp", redirectURI: uri, callerState: "s")
            }
        }
        // A prefix entry allows what lies below it.
        _ = try await bed.flow.start(provider: "idp", redirectURI: "https://app.example.com/prefix/cb", callerState: "s")
        // No provider was contacted for the refused ones: nothing was stored, nothing fetched but discovery once.
        #expect(bed.idp.requests.count == 1)
    }

    @Test func providerErrorSpendsTheState() async throws {
        let bed = try await OAuthTestbed()
        let (url, state) = try await bed.start()
        let error = await bed.flow.providerError(provider: "idp", state: state, error: "access_denied", client: bed.client)
        #expect(error.code == .oauthFailed && error.oauthFailure == .providerError)
        await bed.expectRefused(.unknownState) {
            _ = try await bed.flow.complete(
                provider: "idp", code: bed.idp.authorize(url), state: state, redirectURI: OAuthTestbed.redirect, client: bed.client)
        }
    }

    @Test func unknownProviderIsNotFound() async throws {
        let bed = try await OAuthTestbed()
        let error = await #expect(throws: AuthError.self) {
            _ = try await bed.flow.start(provider: "nope", redirectURI: OAuthTestbed.redirect, callerState: "")
        }
        #expect(error?.code == .notFound)
    }

    @Test func aProviderErrorForAnUnknownProviderIsNotFoundAndLeavesNoTrace() async throws {
        let bed = try await OAuthTestbed()
        let before = try await bed.harness.deps.directory.auditEvents(AuditQuery(), limit: 1000).items.count
        let error = await bed.flow.providerError(
            provider: "made-up-provider-name", state: "s", error: "access_denied", client: bed.client)
        #expect(error.code == .notFound)
        #expect(try await bed.harness.deps.directory.auditEvents(AuditQuery(), limit: 1000).items.count == before)
    }

    @Test func overlongCallerStateIsRefused() async throws {
        let bed = try await OAuthTestbed()
        await bed.expectRefused(.callerStateTooLong) {
            _ = try await bed.flow.start(provider: "idp", redirectURI: OAuthTestbed.redirect, callerState: String(repeating: "s", count: 1025))
        }
    }
}
