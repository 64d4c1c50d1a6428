import Foundation

/// The one error type AuthCore and its adapters throw.
///
/// `code` is stable and machine-readable (it becomes the `error` member of a problem+json body at
/// the HTTP edge). `publicDetail` is safe to show to a client. `underlying` keeps the driver's
/// error for logs and is never rendered to clients.
///
/// - Important: never put secrets, codes, password material or SQL into `publicDetail`.
public struct AuthError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable error code, rendered as a snake_case string.
    ///
    /// A struct with static members rather than an enum, so that a new code is not a breaking
    /// change for embedders that switch over codes (they match the codes they know and keep a
    /// `default`).
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        /// The snake_case text, e.g. `invalid_code`.
        public let rawValue: String
        /// Creates a code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidRequest = Code(rawValue: "invalid_request")
        public static let invalidCredentials = Code(rawValue: "invalid_credentials")
        public static let emailNotVerified = Code(rawValue: "email_not_verified")
        public static let invalidCode = Code(rawValue: "invalid_code")
        public static let codeExpired = Code(rawValue: "code_expired")
        public static let tooManyAttempts = Code(rawValue: "too_many_attempts")
        public static let unauthorized = Code(rawValue: "unauthorized")
        public static let sessionExpired = Code(rawValue: "session_expired")
        public static let rateLimited = Code(rawValue: "rate_limited")
        public static let payloadTooLarge = Code(rawValue: "payload_too_large")
        public static let mfaRequired = Code(rawValue: "mfa_required")
        /// The change weakens the account's protection and the session did not prove its user in
        /// the last 10 minutes: call `POST /reauthenticate` first.
        public static let reauthenticationRequired = Code(rawValue: "reauthentication_required")
        public static let oauthFailed = Code(rawValue: "oauth_failed")
        /// The change would leave the account with no way to sign in (unlinking its only provider
        /// while it has no password): set a password or link another provider first.
        public static let lastSignInMethod = Code(rawValue: "last_sign_in_method")
        /// The caller is signed in but may not do this (an admin route for a user without the
        /// admin role).
        public static let forbidden = Code(rawValue: "forbidden")
        /// An admin route reached with a session that did not prove a second factor (`aal` 1), or
        /// by an admin with no second factor: sign in with the second factor first.
        public static let secondFactorRequired = Code(rawValue: "second_factor_required")
        /// A passkey (WebAuthn) response was malformed or failed a check of the ceremony; the
        /// underlying ``WebAuthnFailure`` says which, for logs.
        public static let invalidCredential = Code(rawValue: "invalid_credential")
        public static let conflict = Code(rawValue: "conflict")
        /// A well-formed request names a second factor the account does not have (a passkey
        /// ceremony for an account without passkeys, a method that is not one of the user's): the
        /// account's state refuses it, not the request's shape.
        public static let methodUnavailable = Code(rawValue: "method_unavailable")
        public static let notFound = Code(rawValue: "not_found")
        /// A before-sign-up hook refused the sign-up; the detail is the hook's message.
        public static let signUpDenied = Code(rawValue: "sign_up_denied")
        /// The password hashing pool is saturated; try again shortly.
        public static let overloaded = Code(rawValue: "overloaded")
        /// A backing store or cache could not be reached.
        public static let unavailable = Code(rawValue: "unavailable")
        /// An OpenID client failed to authenticate at the token or revocation endpoint (RFC 6749
        /// section 5.2).
        public static let invalidClient = Code(rawValue: "invalid_client")
        /// An authorization code or refresh token that is unknown, expired, used, revoked or not
        /// the client's (RFC 6749 section 5.2).
        public static let invalidGrant = Code(rawValue: "invalid_grant")
        /// A `grant_type` other than `authorization_code` and `refresh_token`.
        public static let unsupportedGrantType = Code(rawValue: "unsupported_grant_type")
        public static let `internal` = Code(rawValue: "internal")

        /// The codes this version of AuthCore throws. Later versions may add to it.
        public static let known: [Code] = [
            .invalidRequest, .invalidCredentials, .emailNotVerified, .invalidCode, .codeExpired, .tooManyAttempts,
            .unauthorized, .sessionExpired, .rateLimited, .payloadTooLarge, .mfaRequired, .reauthenticationRequired, .oauthFailed, .lastSignInMethod, .forbidden, .secondFactorRequired, .invalidCredential, .conflict,
            .methodUnavailable, .notFound, .signUpDenied, .overloaded, .unavailable, .internal,
            .invalidClient, .invalidGrant, .unsupportedGrantType,
        ]
    }

    /// The stable, machine-readable code.
    public var code: Code
    /// Text that is safe to show to a client, if any.
    public var publicDetail: String?
    /// The underlying failure, for logs only.
    public var underlying: (any Error & Sendable)?
    /// For `rate_limited`: how long until the caller may try again.
    public var retryAfter: Duration?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the stable code.
    ///   - publicDetail: client-safe text; `nil` uses the code's generic message.
    ///   - underlying: the original error, kept for logs.
    public init(_ code: Code, _ publicDetail: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.publicDetail = publicDetail
        self.underlying = underlying
    }

    /// A description that never includes the underlying error's text, so it is safe to log
    /// next to request data; log `underlying` separately where a driver's text is wanted.
    public var description: String {
        "AuthError(\(code.rawValue)\(publicDetail.map { ": \($0)" } ?? ""))"
    }
}

extension AuthError {
    /// Shorthand for `AuthError(.invalidRequest, detail)`.
    public static func invalidRequest(_ detail: String) -> AuthError { AuthError(.invalidRequest, detail) }
    /// The generic answer for any failed authentication of a token; never says why.
    public static let unauthorized = AuthError(.unauthorized)
    /// A refusal by an abuse limit; `retryAfter` says when the window ends.
    public static func rateLimited(retryAfter: Duration) -> AuthError {
        var error = AuthError(.rateLimited, "too many attempts; retry later")
        error.retryAfter = retryAfter
        return error
    }
    /// The generic answer for a wrong email or password; never says which.
    public static let invalidCredentials = AuthError(.invalidCredentials)
}
