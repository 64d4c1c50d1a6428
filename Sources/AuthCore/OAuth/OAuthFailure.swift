/// Why an OAuth sign-in was refused: for logs, audits and tests, never shown to clients.
///
/// Every refusal reaches the client as the same `AuthError(.oauthFailed)` with a generic message
/// (an attacker probing the callback learns nothing about which check stopped them); this value
/// rides along as the error's `underlying`.
public struct OAuthFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The check that failed.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The `redirect_uri` is not on the allow-list.
        case redirectNotAllowed = "redirect_not_allowed"
        /// The caller's own `state` is too long to store.
        case callerStateTooLong = "caller_state_too_long"
        /// The `state` is unknown, expired or already used.
        case unknownState = "unknown_state"
        /// The `state` was issued for another provider.
        case providerMismatch = "provider_mismatch"
        /// The callback's `redirect_uri` differs from the one the sign-in started with.
        case redirectMismatch = "redirect_mismatch"
        /// The provider answered with an error (the user denied consent, for example).
        case providerError = "provider_error"
        /// The provider's discovery document or endpoints are unusable.
        case discovery
        /// The provider could not be reached, or answered something unusable.
        case providerUnavailable = "provider_unavailable"
        /// The token endpoint refused the code.
        case tokenExchange = "token_exchange"
        /// The token response carried no id_token.
        case missingIDToken = "missing_id_token"
        /// The id_token is malformed, uses a refused algorithm, or names an unknown key.
        case malformedIDToken = "malformed_id_token"
        /// The id_token's signature does not verify against the provider's JWKS.
        case signature
        /// The id_token was issued by someone else.
        case issuer
        /// The id_token was issued for another client.
        case audience
        /// The id_token has expired (or is not valid yet).
        case expired
        /// The id_token's nonce is not the one sent.
        case nonce
        /// The provider reported no usable email address.
        case emailMissing = "email_missing"
        /// The provider did not say the email address is verified.
        case emailNotVerified = "email_not_verified"
        /// An account with that email exists but its address was never verified, so it is not linked.
        case accountNotVerified = "account_not_verified"
        /// The linked account is gone or banned.
        case accountUnavailable = "account_unavailable"
    }

    /// The check that failed.
    public var reason: Reason
    /// The original error, for logs only.
    public var underlying: (any Error & Sendable)?

    /// Creates a failure.
    public init(_ reason: Reason, underlying: (any Error & Sendable)? = nil) {
        self.reason = reason
        self.underlying = underlying
    }

    public var description: String { "OAuthFailure(\(reason.rawValue))" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.reason == rhs.reason }
    public func hash(into hasher: inout Hasher) { hasher.combine(reason) }
}

extension AuthError {
    /// The one public answer to a refused OAuth sign-in; `reason` is kept for logs only.
    static func oauth(_ reason: OAuthFailure.Reason, underlying: (any Error & Sendable)? = nil) -> AuthError {
        AuthError(.oauthFailed, underlying: OAuthFailure(reason, underlying: underlying))
    }

    /// Why an `oauth_failed` error was raised, when it carries an ``OAuthFailure``.
    public var oauthFailure: OAuthFailure.Reason? { (underlying as? OAuthFailure)?.reason }
}
