import Foundation
import Logging

/// Sign-in with an OAuth 2.0 / OpenID Connect provider: the authorisation-code flow with a
/// server-side `state`, PKCE (S256) and a nonce, then the same first-factor completion as a
/// password sign-in (MFA applies).
///
/// ```swift
/// let url = try await flow.start(provider: "google", redirectURI: "https://app.example.com/cb", callerState: "xyz")
/// // … the browser comes back to the redirect URI with ?code=…&state=…, the app posts them:
/// let (callerState, result) = try await flow.complete(
///     provider: "google", code: code, state: state, redirectURI: "https://app.example.com/cb", client: client)
/// ```
public struct OAuthSignInFlow: Sendable {
    /// Policy knobs.
    public struct Configuration: Sendable, Hashable {
        /// How long a started sign-in may take to come back (default 10 minutes).
        public var stateTTL: Duration = .seconds(600)
        /// The longest caller `state` accepted, in bytes (default 1024).
        public var maximumCallerStateLength = 1024
        /// Creates the default configuration.
        public init() {}
    }

    /// The configured providers.
    public let providers: OAuthProviderRegistry
    let states: any EphemeralStateStore
    let allowlist: RedirectAllowlist
    let resolver: OAuthAccountResolver
    let gate: SecondFactorGate
    let audit: Auditor
    let random: any RandomSource
    let configuration: Configuration
    let logger: Logger

    /// Starts a sign-in: remembers a fresh `state` bound to the caller's state, the redirect URI,
    /// a nonce and a PKCE verifier, and returns the provider's consent-screen URL.
    /// - Throws: `AuthError(.notFound)` for an unknown provider; `AuthError(.oauthFailed)` when
    ///   `redirectURI` is not allow-listed or the provider is unusable; store failures as they are.
    public func start(provider name: String, redirectURI: String, callerState: String) async throws -> URL {
        guard let provider = providers.provider(named: name) else { throw AuthError(.notFound, "unknown provider") }
        guard allowlist.allows(redirectURI) else { throw await refused(.redirectNotAllowed, provider: name) }
        guard callerState.utf8.count <= configuration.maximumCallerStateLength else {
            throw await refused(.callerStateTooLong, provider: name)
        }
        let state = Base64URL.encode(random.bytes(32))
        let pending = OAuthPendingSignIn(
            provider: name, callerState: callerState, redirectURI: redirectURI,
            nonce: Base64URL.encode(random.bytes(32)), codeVerifier: PKCE(random: random).verifier)
        // 256 random bits cannot collide in practice; a `false` here means a broken random source.
        guard try await states.put(OAuthPendingSignIn.key(for: state), value: try pending.encoded(), ttl: configuration.stateTTL)
        else { throw AuthError(.internal) }
        let request = OAuthAuthorizationRequest(
            redirectURI: redirectURI, state: state, nonce: pending.nonce,
            codeChallenge: PKCE.challenge(for: pending.codeVerifier))
        return try await guarded(provider: name) { try await provider.authorizationURL(for: request) }
    }

    /// Completes a sign-in with the code the provider sent to the redirect URI.
    /// - Parameter redirectURI: the URI the caller says the code came to; `nil` when the provider
    ///   posted its answer straight to it (`response_mode=form_post`, Apple), so the one the
    ///   sign-in started with is used.
    /// - Returns: the caller's original `state` and the sign-in result (a session, or an MFA challenge).
    /// - Throws: `AuthError(.notFound)` for an unknown provider; `AuthError(.oauthFailed)` for every
    ///   refusal (the underlying ``OAuthFailure`` says which check, for logs); store failures as they are.
    public func complete(provider name: String, code: String, state: String, redirectURI: String?, client: ClientContext)
        async throws -> (callerState: String, result: SignInResult)
    {
        try await AuthMetrics.recordingSignIn(method: "oauth") {
            try await signIn(provider: name, code: code, state: state, redirectURI: redirectURI, client: client)
        } outcome: { answer in
            switch answer.result {
            case .signedIn: "success"
            case .mfaRequired: "mfa_required"
            }
        }
    }

    private func signIn(provider name: String, code: String, state: String, redirectURI: String?, client: ClientContext)
        async throws -> (callerState: String, result: SignInResult)
    {
        guard let provider = providers.provider(named: name) else { throw AuthError(.notFound, "unknown provider") }
        // Taken before any other check, so a state is spent by its first use, successful or not.
        let pending = try await takePending(state, provider: name, client: client)
        let redirectURI = redirectURI ?? pending.redirectURI
        guard pending.redirectURI == redirectURI else { throw await refused(.redirectMismatch, provider: name, client: client) }
        guard !code.isEmpty, code.utf8.count <= 4096 else { throw await refused(.tokenExchange, provider: name, client: client) }
        let grant = OAuthCodeGrant(code: code, redirectURI: redirectURI, codeVerifier: pending.codeVerifier, nonce: pending.nonce)
        let identity = try await guarded(provider: name, client: client) { try await provider.identity(for: grant) }
        guard identity.emailVerified else { throw await refused(.emailNotVerified, provider: name, client: client) }
        let user: User
        do {
            user = try await resolver.user(for: identity, client: client)
        } catch let error as AuthError where error.code == .oauthFailed {
            throw await refused(error.oauthFailure ?? .accountUnavailable, provider: name, client: client)
        }
        guard !user.isBanned else { throw await refused(.accountUnavailable, provider: name, client: client) }
        let result = try await gate.afterFirstFactor(user, client: client, firstFactor: AuthenticationMethodReference.federated)
        return (pending.callerState, result)
    }

    /// Ends a sign-in the provider answered with an error (`?error=access_denied`, …): spends the
    /// `state` so it cannot be used later, and returns the error to answer with: `not_found` for a
    /// provider that is not configured, which is neither audited nor counted as a failed sign-in
    /// (a caller could otherwise write any name it likes into the audit log).
    public func providerError(provider name: String, state: String, error: String, client: ClientContext) async -> AuthError {
        guard providers.provider(named: name) != nil else { return AuthError(.notFound, "unknown provider") }
        // Spent even though unused; an unknown or spent state changes nothing here.
        _ = try? await states.take(OAuthPendingSignIn.key(for: state))
        let code = error.utf8.count <= 64 && error.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F } ? error : "other"
        return await refused(.providerError, provider: name, client: client, detail: code)
    }
}
