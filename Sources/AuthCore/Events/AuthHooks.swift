import Foundation

/// Code an embedding service runs at points of the auth flows (docs/webhooks.md, "Hooks"):
/// give it to ``AuthService``.
///
/// Each hook has a time budget. A `before` hook that throws or overruns its budget refuses what
/// it guards: a failing ``beforeUserCreated`` refuses the sign-up with 503 `unavailable`, a
/// failing ``customClaims`` refuses the sign-in the same way (no token is issued without the
/// claims a service may rely on). A failing ``eventOccurred`` is logged and changes nothing.
///
/// ```swift
/// var hooks = AuthHooks()
/// hooks.beforeUserCreated = { attempt in
///     attempt.email.domain == "example.com" ? .allow : .deny("Sign-ups are for example.com only.")
/// }
/// hooks.customClaims = { user, session in ["role": .string(await roles.of(user.id))] }
/// ```
public struct AuthHooks: Sendable {
    /// Decides whether a sign-up may create an account; runs before anything is stored.
    ///
    /// - Important: the deny message is shown to the caller (403 `sign_up_denied`): it must not
    ///   say more than the caller may know.
    public var beforeUserCreated: (@Sendable (SignUpAttempt) async throws -> SignUpDecision)?
    /// Claims added to every access token issued for a new session. Reserved claims
    /// (``ReservedClaims``) are dropped, never overridden.
    public var customClaims: (@Sendable (User, Session) async throws -> [String: ClaimValue])?
    /// Told of each event once the change it reports is stored.
    public var eventOccurred: (@Sendable (AuthEvent) async throws -> Void)?
    /// How long a `before` hook (``beforeUserCreated``, ``customClaims``) may take. Default 5 s.
    public var beforeBudget: Duration = .seconds(5)
    /// How long ``eventOccurred`` may take before it is abandoned and logged. Default 5 s.
    public var afterBudget: Duration = .seconds(5)

    /// No hooks.
    public init() {}
}

/// A sign-up about to create an account, as ``AuthHooks/beforeUserCreated`` sees it.
public struct SignUpAttempt: Hashable, Sendable {
    /// The address signing up (normalised).
    public var email: EmailAddress
    /// Who is calling.
    public var client: ClientContext
    /// How: `password`, or the provider's name for a sign-up through OAuth.
    public var method: String

    /// Creates an attempt.
    public init(email: EmailAddress, client: ClientContext, method: String = "password") {
        self.email = email
        self.client = client
        self.method = method
    }
}

/// What ``AuthHooks/beforeUserCreated`` decided.
public enum SignUpDecision: Hashable, Sendable {
    /// The account may be created.
    case allow
    /// The sign-up is refused with this message, shown to the caller.
    case deny(String)
}
