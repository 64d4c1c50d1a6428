import AuthCore

/// How many of the connection cap's places one client address may hold at once.
///
/// Under a global cap alone, one address that opens connections and keeps them busy (dripping a
/// body, say) can take every place, and every other client waits in the listen backlog behind it.
/// With a share, such an address holds at most `maximum` places and the rest stay open to others.
/// IPv6 addresses are counted per /64 (one subscriber's allocation), as the rate limits count them.
/// Trusted proxies are exempt: every client behind them arrives from their address, and the limit
/// per real client belongs at the proxy (docs/deployment.md).
struct AddressShare: Sendable {
    /// The most connections one address (or IPv6 /64) may hold.
    let maximum: Int
    /// Addresses not held to ``maximum`` (the trusted proxies).
    let exempt: [IPNetwork]

    /// The key `address` is counted under, or `nil` when it is not counted (exempt or unknown).
    func key(for address: IPAddress?) -> String? {
        guard let address, !exempt.contains(where: { $0.contains(address) }) else { return nil }
        return address.limitNetwork
    }

    /// The share of `cap`: half of it, so that one address can never take the last place.
    static func defaultMaximum(ofCap cap: Int) -> Int { max(1, cap / 2) }
}
