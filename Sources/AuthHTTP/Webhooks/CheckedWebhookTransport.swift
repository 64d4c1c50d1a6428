import AsyncHTTPClient
import AuthCore
import Foundation
import NIOCore

/// Sends webhooks over async-http-client, connecting only to addresses the
/// ``WebhookTargetPolicy`` allows (docs/webhooks.md, "Targets").
///
/// - Important: the host is resolved here, the addresses checked, and the connection made to the
///   checked address (the request keeps its `Host` and TLS name), so a name that resolved to a
///   public address when the endpoint was added and to a private one now (DNS rebinding) is
///   refused rather than followed. Redirects are never followed.
public struct CheckedWebhookTransport: WebhookTransport {
    let policy: WebhookTargetPolicy
    let resolver: any AddressResolver

    /// The largest answer body read (the rest is ignored).
    static let maximumResponseBytes = 64 * 1024

    /// Creates the transport.
    public init(policy: WebhookTargetPolicy, resolver: any AddressResolver = SystemAddressResolver()) {
        self.policy = policy
        self.resolver = resolver
    }

    public func post(_ request: WebhookRequest) async throws -> Int {
        let (_, host, _) = try WebhookTargetPolicy.parse(request.url)
        var override: [String: String] = [:]
        if let literal = IPAddress(host) {
            try refuse { try policy.check([literal], host: host) }
        } else if !policy.allowPrivate {
            let addresses: [IPAddress]
            do {
                addresses = try await resolver.addresses(of: host)
            } catch {
                // DNS may come back: worth another attempt, unlike a refused address.
                throw AuthError(.unavailable, "\(host) could not be resolved", underlying: error)
            }
            try refuse { try policy.check(addresses, host: host) }
            override[host] = addresses[0].description
        }
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        let timeout = TimeAmount.nanoseconds(request.timeout.nanoseconds)
        configuration.timeout = .init(connect: timeout, read: timeout)
        configuration.dnsOverride = override
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let status = try await send(request, with: client)
            try? await client.shutdown()
            return status
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(_ request: WebhookRequest, with client: HTTPClient) async throws -> Int {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.headers.replaceOrAdd(name: "user-agent", value: "authd-webhooks")
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        let response = try await client.execute(outgoing, timeout: .nanoseconds(request.timeout.nanoseconds))
        // Read (a bounded part of) the answer so the connection ends cleanly; its content is not used.
        _ = try? await response.body.collect(upTo: Self.maximumResponseBytes)
        return Int(response.status.code)
    }

    /// Runs a policy check, turning its refusal into the transport's permanent `forbidden`.
    private func refuse(_ check: () throws -> Void) throws {
        do {
            try check()
        } catch let error as AuthError {
            throw AuthError(.forbidden, error.publicDetail)
        }
    }
}
