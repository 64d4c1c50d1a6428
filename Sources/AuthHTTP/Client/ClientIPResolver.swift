import AuthCore

/// Decides the client's IP address: the socket peer, unless the peer is a trusted proxy.
///
/// When the peer is inside one of `trustedProxies`, the RFC 7239 `Forwarded` header's `for=`
/// addresses (when present; they win over `X-Forwarded-For`), else `X-Forwarded-For`, are read from the right
/// (nearest hop first), skipping addresses that are themselves trusted proxies; the first untrusted
/// address is the client. If every hop is trusted, the leftmost is used. A malformed entry means the
/// header cannot be believed, and the socket address is used.
///
/// - Important: with no trusted proxies configured the header is never read, so a client cannot
///   choose the IP its rate limits are counted under.
public struct ClientIPResolver: Sendable {
    /// The proxies whose `X-Forwarded-For` is believed.
    public let trustedProxies: [IPNetwork]

    /// Creates a resolver.
    public init(trustedProxies: [IPNetwork]) { self.trustedProxies = trustedProxies }

    /// The client IP, or `nil` when unknown.
    /// - Parameters:
    ///   - peer: the socket peer's address text, if any.
    ///   - forwardedFor: every `X-Forwarded-For` value, in order.
    ///   - forwarded: every RFC 7239 `Forwarded` value, in order.
    public func resolve(peer: String?, forwardedFor: [String], forwarded: [String] = []) -> IPAddress? {
        resolve(peerAddress: peer.flatMap { IPAddress($0) }, forwardedFor: forwardedFor, forwarded: forwarded)
    }

    /// The client IP, or `nil` when unknown, for a peer already known as an address.
    ///
    /// The headers are autoclosures: they are read only when the peer is a trusted proxy, so a
    /// deployment without proxies (and every direct client) never looks them up.
    /// - Parameters:
    ///   - peerAddress: the socket peer's address, if any.
    ///   - forwardedFor: every `X-Forwarded-For` value, in order.
    ///   - forwarded: every RFC 7239 `Forwarded` value, in order.
    public func resolve(
        peerAddress peer: IPAddress?, forwardedFor: @autoclosure () -> [String], forwarded: @autoclosure () -> [String] = []
    ) -> IPAddress? {
        guard let peerIP = peer else { return nil }
        guard isTrusted(peerIP) else { return peerIP }
        let forwardedFor = forwardedFor(), forwarded = forwarded()
        guard !forwardedFor.isEmpty || !forwarded.isEmpty else { return peerIP }
        let hops: [String]
        if !forwarded.isEmpty {
            guard let nodes = ForwardedHeader.forAddresses(forwarded) else { return peerIP }
            hops = nodes
        } else {
            hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace }
        }
        var parsed: [IPAddress] = []
        for hop in hops {
            guard let ip = IPAddress(hop) else { return peerIP }
            parsed.append(ip)
        }
        for ip in parsed.reversed() where !isTrusted(ip) { return ip }
        return parsed.first ?? peerIP
    }

    private func isTrusted(_ ip: IPAddress) -> Bool { trustedProxies.contains { $0.contains(ip) } }
}
