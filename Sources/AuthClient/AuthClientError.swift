import Foundation

/// An answer of authd that is an error: its `application/problem+json` body (docs/api.md,
/// "Errors"), typed.
public struct AuthAPIError: Error, Hashable, Sendable {
    /// The HTTP status.
    public var status: Int
    /// The stable code (`invalid_credentials`, `rate_limited`, `unauthorized`…): branch on this.
    public var error: String
    /// Human-readable text (the problem's `message`, or `detail`).
    public var message: String
    /// `Retry-After` in seconds (429, 503), when sent.
    public var retryAfter: Int?

    /// Creates the value.
    public init(status: Int, error: String, message: String, retryAfter: Int? = nil) {
        self.status = status
        self.error = error
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Whether trying again later may succeed (rate limited, overloaded, unavailable, 5xx).
    public var isTransient: Bool { status == 429 || status >= 500 || status == 408 }
}

/// What ``AuthClient`` throws besides ``AuthAPIError`` and the transport's errors (`URLError`).
public enum AuthClientError: Error, Hashable, Sendable {
    /// No session: never signed in, signed out, or authd said the session is over (a 401 from the
    /// refresh route). The only error after which the tokens are gone.
    case signedOut
    /// authd answered something that is not the API's shape (a proxy's page, a truncated body).
    case unexpectedResponse(status: Int)
}
