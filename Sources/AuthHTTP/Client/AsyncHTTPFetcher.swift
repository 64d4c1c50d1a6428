import AsyncHTTPClient
import AuthCore
import Foundation
import NIOCore

/// AuthCore's ``HTTPFetcher`` over async-http-client: how OAuth providers reach discovery
/// documents, JWKS, token endpoints and APIs.
///
/// Redirects are never followed (a token request must not be replayed, with its code and client
/// secret, to wherever a `Location` points), every request has a deadline, and answers larger than
/// ``Configuration/maximumResponseBytes`` are refused rather than buffered.
///
/// The fetcher owns an `HTTPClient`: call ``shutdown()`` once it is no longer used.
public struct AsyncHTTPFetcher: HTTPFetcher {
    /// Knobs of the fetcher.
    public struct Configuration: Sendable {
        /// The deadline of each request, connect to last byte (default 10 s).
        public var timeout: Duration = .seconds(10)
        /// The largest response body accepted (default 1 MiB).
        public var maximumResponseBytes = 1 << 20
        /// Creates the default configuration.
        public init() {}
    }

    let client: HTTPClient
    let configuration: Configuration

    /// Creates a fetcher with its own client on the shared event loop group.
    public init(configuration: Configuration = .init()) {
        var config = HTTPClient.Configuration(redirectConfiguration: .disallow)
        let timeout = TimeAmount.nanoseconds(configuration.timeout.nanoseconds)
        config.timeout = .init(connect: timeout, read: timeout)
        config.decompression = .enabled(limit: .size(configuration.maximumResponseBytes))
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: config)
        self.configuration = configuration
    }

    /// Shuts the client down; in-flight requests fail.
    public func shutdown() async throws { try await client.shutdown() }

    public func fetch(_ request: FetchRequest) async throws -> FetchResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = .init(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(configuration.timeout.nanoseconds))
            let body = try await response.body.collect(upTo: configuration.maximumResponseBytes)
            var headers: [String: String] = [:]
            for header in response.headers { headers[header.name.lowercased()] = header.value }
            return FetchResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        } catch {
            throw AuthError(.unavailable, "a remote service could not be reached", underlying: error)
        }
    }
}
