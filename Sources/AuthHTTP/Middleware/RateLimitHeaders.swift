import AuthCore
import HTTPTypes

/// The `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers
/// (draft-ietf-httpapi-ratelimit-headers), set on allowed and refused responses alike.
enum RateLimitHeaders {
    static let limit = HTTPField.Name("RateLimit-Limit")!
    static let remaining = HTTPField.Name("RateLimit-Remaining")!
    static let reset = HTTPField.Name("RateLimit-Reset")!

    static func apply(_ decision: RateLimitDecision, to headers: inout HTTPFields) {
        headers[limit] = String(decision.limit)
        headers[remaining] = String(decision.remaining)
        headers[reset] = String(decision.resetAfterSeconds)
    }
}
