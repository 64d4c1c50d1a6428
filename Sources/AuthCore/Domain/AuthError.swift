import Foundation

/// The one error type AuthCore and its adapters throw.
///
/// `code` is stable and machine-readable (it becomes the `error` member of a problem+json body at
/// the HTTP edge). `publicDetail` is safe to show to a client. `underlying` keeps the driver's
/// error for logs and is never rendered to clients.
///
/// - Important: never put secrets, codes, password material or SQL into `publicDetail`.
public struct AuthError: Error, Sendable, CustomStringConvertible {
    /// Stable error codes, rendered as snake_case strings.
    public enum Code: String, Sendable, CaseIterable {
        case invalidRequest = "invalid_request"
        case invalidCredentials = "invalid_credentials"
        case emailNotVerified = "email_not_verified"
        case invalidCode = "invalid_code"
        case codeExpired = "code_expired"
        case tooManyAttempts = "too_many_attempts"
        case unauthorized
        case sessionExpired = "session_expired"
        case rateLimited = "rate_limited"
        case payloadTooLarge = "payload_too_large"
        case mfaRequired = "mfa_required"
        case oauthFailed = "oauth_failed"
        case conflict
        case notFound = "not_found"
        /// The password hashing pool is saturated; try again shortly.
        case overloaded
        /// A backing store or cache could not be reached.
        case unavailable
        case `internal`
    }

    /// The stable, machine-readable code.
    public var code: Code
    /// Text that is safe to show to a client, if any.
    public var publicDetail: String?
    /// The underlying failure, for logs only.
    public var underlying: (any Error & Sendable)?

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
    /// The generic answer for a wrong email or password; never says which.
    public static let invalidCredentials = AuthError(.invalidCredentials)
}
