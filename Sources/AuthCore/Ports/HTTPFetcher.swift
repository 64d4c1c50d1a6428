import Foundation

/// An outgoing HTTP request, in domain terms (used by OAuth providers).
public struct FetchRequest: Hashable, Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: [UInt8]?
    /// Creates a request.
    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response, in domain terms.
public struct FetchResponse: Hashable, Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Performs HTTP requests, so AuthCore stays free of I/O libraries.
public protocol HTTPFetcher: Sendable {
    /// Performs `request`. Throws `AuthError(.unavailable)` when the peer cannot be reached.
    func fetch(_ request: FetchRequest) async throws -> FetchResponse
}
