import Foundation

/// Policy knobs of the flows, with the defaults docs/api.md and docs/configuration.md state.
public struct AuthConfiguration: Sendable, Hashable {
    /// How long a session lives without use (default 7 days): its expiry at sign-in, and the
    /// expiry each refresh slides it to (docs/tokens.md, "Refresh tokens").
    public var sessionTTL: Duration = .seconds(7 * 24 * 3600)
    /// How long an access token lives; `nil` (the default) gives it the session's life, as the
    /// seed's tokens had. 5 to 15 minutes suits deployments whose other services verify tokens
    /// offline (docs/tokens.md).
    public var accessTokenTTL: Duration?
    /// The longest a session lives however often it is refreshed (default 90 days).
    public var sessionMaxLifetime: Duration = .seconds(90 * 24 * 3600)
    /// How long a refresh token that was just replaced still answers with the same successor
    /// (default 60 s): a lost response, a retry or tabs refreshing at once never sign anyone out.
    /// Presented later, or any older token, is reuse: the session ends.
    public var refreshReuseInterval: Duration = .seconds(60)
    /// How long a one-time code lives (default 10 minutes, ASVS 2.7.2).
    public var codeTTL: Duration = .seconds(10 * 60)
    /// Wrong submissions after which a code is dead (default 5).
    public var maxCodeAttempts = 5
    /// `last_used_at` is written at most once per this interval per session (default 60 s).
    public var lastUsedResolution: Duration = .seconds(60)
    /// How long a validated session may be served from the cache (default 60 s). Revocation does
    /// not wait for it: revoking invalidates the entry at once, and an invalidation the cache does
    /// not take is retried until it lands (``CacheRepairJob``). It bounds only an entry whose
    /// instance stopped with the invalidation waiting and never started again.
    public var sessionCacheTTL: Duration = .seconds(60)
    /// How long a request that revoked sessions (logout, ban, reset…) waits for the session cache
    /// to confirm the invalidation (default 2 s). Past it the request answers `unavailable` and
    /// the invalidation is retried until it lands (``CacheRepairJob``); docs/operations.md.
    public var cacheInvalidationPatience: Duration = .seconds(2)
    /// How long after its sign-in (or last reauthentication) a session may weaken the account's
    /// protection, e.g. switch a second factor off (default 10 minutes).
    public var recentAuthenticationWindow: Duration = .seconds(10 * 60)
    /// Addresses whose accounts hold the admin role once verified (`ADMIN_EMAILS`), beside those
    /// granted it in the ``AdminRoleStore`` (default none).
    public var adminEmails: Set<EmailAddress> = []
    /// The abuse limits the flows apply (docs/api.md, "Rate limits").
    public var abuse = AbuseLimits()
    /// Accepted password lengths, in characters (default 8 to 128).
    public var passwordLength: ClosedRange<Int> = 8...128
    /// How long an authenticator-app enrolment may wait for its first code (default 10 minutes).
    public var totpEnrolmentTTL: Duration = .seconds(10 * 60)
    /// How many authenticator apps (confirmed or pending) one user may hold (default 5).
    public var maxAuthenticators = 5
    /// How soon a signing-key rotation or retirement made through another instance (or `authd
    /// keys`) is picked up for signing (default 30 s); an unknown `kid` reloads sooner.
    public var signingKeyRefreshInterval: Duration = .seconds(30)
    /// The passkey relying party (`WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGINS`; default `localhost` and
    /// `http://localhost:8080`).
    public var webAuthn = WebAuthnConfiguration()
    /// The issuer an authenticator app shows next to the account (the `otpauth://` URI's).
    public var totpIssuer = "authd"
    /// authd as an OpenID Provider for the deployer's other apps (docs/oidc.md).
    public var openID = OpenIDConfiguration()

    /// When a session used (signed in or refreshed) at `now` expires: `sessionTTL` from now, but
    /// never past `sessionMaxLifetime` after `createdAt`.
    public func slidingExpiry(createdAt: Date, now: Date) -> Date {
        min(now.addingTimeInterval(sessionTTL.timeInterval), createdAt.addingTimeInterval(sessionMaxLifetime.timeInterval))
    }

    /// When an access token signed at `now` for a session expiring at `sessionExpiry` expires.
    public func accessTokenExpiry(now: Date, sessionExpiry: Date) -> Date {
        guard let accessTokenTTL else { return sessionExpiry }
        return min(now.addingTimeInterval(accessTokenTTL.timeInterval), sessionExpiry)
    }

    /// Creates the default configuration.
    public init() {}
}
