import Foundation

/// One signed webhook POST.
public struct WebhookRequest: Hashable, Sendable {
    /// The target URL.
    public var url: String
    /// The headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`, `content-type`).
    public var headers: [String: String]
    /// The JSON body.
    public var body: [UInt8]
    /// How long the whole exchange may take.
    public var timeout: Duration

    /// Creates a request.
    public init(url: String, headers: [String: String], body: [UInt8], timeout: Duration) {
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// Sends webhook requests (authd: an HTTP client that checks the address it connects to).
public protocol WebhookTransport: Sendable {
    /// POSTs `request` and returns the answer's HTTP status.
    /// - Throws: `AuthError(.forbidden)` when the target resolves to an address the policy refuses
    ///   (never retried); anything else for a failure worth retrying.
    func post(_ request: WebhookRequest) async throws -> Int
}
