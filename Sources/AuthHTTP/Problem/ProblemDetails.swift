import AuthCore

/// An RFC 9457 problem body that also carries the old service's `error` and `message` members.
///
/// Rendered as `application/problem+json`:
/// `{"type", "title", "status", "detail", "error": "<stable_code>", "message": "<human text>"}`.
public struct ProblemDetails: Codable, Hashable, Sendable {
    /// A URI naming the kind of problem: `urn:auth:problem:<code>`.
    public var type: String
    /// A short summary of the kind of problem (the same for every instance of a code).
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// Client-safe text about this occurrence.
    public var detail: String
    /// The stable, machine-readable code (`invalid_request`, `unauthorized`, …).
    public var error: String
    /// The same text as `detail`, under the old service's name.
    public var message: String

    /// Creates a problem for `code` with `status` and client-safe `detail`.
    public init(code: String, title: String, status: Int, detail: String) {
        self.type = "urn:auth:problem:\(code)"
        self.title = title
        self.status = status
        self.detail = detail
        self.error = code
        self.message = detail
    }
}
