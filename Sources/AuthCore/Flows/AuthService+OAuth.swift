import Logging

extension AuthService {
    /// Builds the OAuth sign-in flow on this service's stores, sessions and MFA.
    ///
    /// ```swift
    /// let registry = try OAuthProviderRegistry(settings: [google], fetcher: AsyncHTTPFetcher())
    /// let oauth = auth.oauthSignIn(
    ///     providers: registry, states: InMemoryEphemeralStateStore(),
    ///     redirectAllowlist: try RedirectAllowlist(["https://app.example.com/auth/callback"]))
    /// ```
    /// - Parameters:
    ///   - providers: the configured providers.
    ///   - states: where pending sign-ins live; shared by every instance (Redis) when several serve.
    ///   - redirectAllowlist: the `redirect_uri` values accepted.
    ///   - configuration: TTL and limits.
    ///   - logger: where refusals are logged (reason codes only, never tokens or secrets).
    public func oauthSignIn(
        providers: OAuthProviderRegistry, states: any EphemeralStateStore, redirectAllowlist: RedirectAllowlist,
        configuration: OAuthSignInFlow.Configuration = .init(), logger: Logger = Logger(label: "auth.oauth")
    ) -> OAuthSignInFlow {
        let d = dependencies
        return OAuthSignInFlow(
            providers: providers, states: states, allowlist: redirectAllowlist,
            resolver: OAuthAccountResolver(
                users: d.users, credentials: d.credentials, verifications: d.verifications, accounts: d.oauthAccounts,
                audit: signIn.audit, hooks: signUp.hooks, clock: d.clock),
            gate: signIn.gate, audit: signIn.audit, random: d.random,
            configuration: configuration, logger: logger)
    }
}
