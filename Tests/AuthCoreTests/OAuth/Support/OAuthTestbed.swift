import AuthCore
import AuthTesting
import Foundation
import Logging
import Testing

/// An ``AuthService`` (see ``TestHarness``) with an OAuth flow whose `idp` provider is a
/// ``FakeIdentityProvider`` on the harness clock.
struct OAuthTestbed {
    static let redirect = "https://app.example.com/auth/callback"

    let harness: TestHarness
    let idp: FakeIdentityProvider
    let states: InMemoryEphemeralStateStore
    let flow: OAuthSignInFlow

    init(
        extraProviders: [any OAuthProvider] = [], configuration: OAuthSignInFlow.Configuration = .init(),
        logger: Logger = Logger(label: "auth.oauth")
    ) async throws {
        harness = try await TestHarness()
        idp = FakeIdentityProvider(clock: harness.clock)
        states = InMemoryEphemeralStateStore(clock: harness.clock)
        let provider = OIDCProvider(
            name: "idp", issuer: URL(string: FakeIdentityProvider.issuer)!, clientID: FakeIdentityProvider.clientID,
            clientSecret: FakeIdentityProvider.clientSecret, fetcher: idp, clock: harness.clock)
        flow = harness.auth.oauthSignIn(
            providers: try OAuthProviderRegistry([provider] + extraProviders), states: states,
            redirectAllowlist: try RedirectAllowlist([Self.redirect, "https://app.example.com/prefix/*"]),
            configuration: configuration, logger: logger)
    }

    var client: ClientContext { harness.client }

    /// Starts a sign-in and returns the provider URL and its server `state`.
    func start(_ provider: String = "idp", callerState: String = "caller-state") async throws -> (url: URL, state: String) {
        let url = try await flow.start(provider: provider, redirectURI: Self.redirect, callerState: callerState)
        return (url, try #require(FakeIdentityProvider.query(url)["state"]))
    }

    /// A full sign-in at the fake provider, with `edit` applied to the id_token claims.
    func signIn(
        tamper: Bool = false, kid: String?? = nil, edit: (inout FakeIdentityProvider.Claims) -> Void = { _ in }
    ) async throws -> (callerState: String, result: SignInResult) {
        let (url, state) = try await start()
        let code = idp.authorize(url, tamper: tamper, kid: kid, edit: edit)
        return try await flow.complete(provider: "idp", code: code, state: state, redirectURI: Self.redirect, client: client)
    }

    /// Expects `body` to fail with `oauth_failed` for `reason`, and the generic public text.
    func expectRefused(
        _ reason: OAuthFailure.Reason, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        let error = await #expect(throws: AuthError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.code == .oauthFailed, sourceLocation: sourceLocation)
        #expect(error?.oauthFailure == reason, sourceLocation: sourceLocation)
        #expect(error?.publicDetail == nil, sourceLocation: sourceLocation)
    }
}

extension SignInResult {
    /// The session, when signed in.
    var signedIn: SignedIn? {
        if case .signedIn(let s) = self { return s }
        return nil
    }
}
