import Foundation

/// Which URLs webhooks may be sent to (docs/webhooks.md, "Targets").
///
/// - Important: a webhook is a request authd makes on behalf of whoever configured it; a target on
///   a loopback, private or otherwise non-public address would let that person reach services
///   behind authd's firewall (SSRF). Such targets are refused unless `allowPrivate`
///   (`WEBHOOK_ALLOW_PRIVATE=1`). The check runs when an endpoint is added and again against the
///   address each delivery connects to, so a name that later resolves elsewhere (DNS rebinding)
///   is refused too.
public struct WebhookTargetPolicy: Sendable {
    /// Whether private and loopback targets are allowed.
    public var allowPrivate: Bool

    /// Creates the policy.
    public init(allowPrivate: Bool) { self.allowPrivate = allowPrivate }

    /// The URL's parts, checked for shape: `http` or `https`, a host, no user or password.
    /// - Throws: `AuthError(.invalidRequest)` saying what is wrong.
    public static func parse(_ url: String) throws -> (scheme: String, host: String, port: Int) {
        guard url.count <= 2048, let parts = URLComponents(string: url),
              let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty
        else { throw AuthError.invalidRequest("a webhook URL is an absolute http:// or https:// URL") }
        guard parts.user == nil, parts.password == nil else {
            throw AuthError.invalidRequest("a webhook URL cannot carry a user or password")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return (scheme, bare, parts.port ?? (scheme == "https" ? 443 : 80))
    }

    /// Checks `url`, resolving its host with `resolver` when it is a name.
    /// - Throws: `AuthError(.invalidRequest)` for a malformed URL, or a target on a private or
    ///   loopback address while those are not allowed.
    public func check(_ url: String, resolver: any AddressResolver) async throws {
        let (_, host, _) = try Self.parse(url)
        guard !allowPrivate else { return }
        if let literal = IPAddress(host) {
            try check([literal], host: host)
        } else {
            try check(try await resolver.addresses(of: host), host: host)
        }
    }

    /// Checks the addresses a host resolved to: every one must be public.
    /// - Throws: `AuthError(.invalidRequest)` naming the first that is not.
    public func check(_ addresses: [IPAddress], host: String) throws {
        guard !allowPrivate else { return }
        guard !addresses.isEmpty else { throw AuthError.invalidRequest("\(host) resolves to no address") }
        if let refused = addresses.first(where: { !$0.isPublic }) {
            throw AuthError.invalidRequest(
                "\(host) is a private or loopback address (\(refused)): refused unless WEBHOOK_ALLOW_PRIVATE=1")
        }
    }
}
