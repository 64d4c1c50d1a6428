#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A numeric IPv4 or IPv6 address, parsed with `inet_pton` only: a host name is never a valid
/// address here, so nothing built on this type can trigger a DNS query.
struct IPAddress: Hashable, Sendable {
    /// 4 bytes for IPv4 (IPv4-mapped IPv6 addresses such as `::ffff:1.2.3.4` are unwrapped, so
    /// they cache, classify and look up as the IPv4 address they are), 16 bytes for IPv6.
    let bytes: [UInt8]

    /// Parses a numeric address; `nil` for anything else (host names, CIDRs, zone ids, ports,
    /// surrounding spaces, embedded NULs, over-long input).
    init?(numeric text: String) {
        // INET6_ADDRSTRLEN - 1 is the longest numeric form; a NUL would cut the C string short.
        guard !text.isEmpty, text.utf8.count <= 45, !text.utf8.contains(0) else { return nil }
        if text.utf8.contains(UInt8(ascii: ":")) {
            var address = in6_addr()
            guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            self.bytes = bytes.starts(with: Self.mappedPrefix) ? Array(bytes[12...]) : bytes
        } else {
            var address = in_addr()
            guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
            bytes = withUnsafeBytes(of: &address) { Array($0) }
        }
    }

    /// Whether this is IPv4 (including an unwrapped IPv4-mapped address).
    var isIPv4: Bool { bytes.count == 4 }

    /// Whether the address can belong to a client on the public internet, so that a geo lookup
    /// means something: false for private, loopback, link-local, unique-local, CGNAT,
    /// documentation, multicast and reserved ranges.
    var isPublic: Bool {
        let ranges = isIPv4 ? Self.nonPublicIPv4 : Self.nonPublicIPv6
        return !ranges.contains { contains(prefix: $0.prefix, length: $0.length) }
    }

    /// Calls `body` with a `sockaddr_in` or `sockaddr_in6` holding this address.
    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>) -> R) -> R {
        if isIPv4 {
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            withUnsafeMutableBytes(of: &sin.sin_addr) { $0.copyBytes(from: bytes) }
            return withUnsafePointer(to: &sin) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
        var sin6 = sockaddr_in6()
        sin6.sin6_family = sa_family_t(AF_INET6)
        withUnsafeMutableBytes(of: &sin6.sin6_addr) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &sin6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }

    /// Whether the first `length` bits equal those of `prefix` (same family).
    private func contains(prefix: [UInt8], length: Int) -> Bool {
        for bit in stride(from: 0, to: length, by: 8) {
            let index = bit / 8
            let mask: UInt8 = length - bit >= 8 ? 0xFF : ~(0xFF >> UInt8(length - bit))
            if bytes[index] & mask != prefix[index] & mask { return false }
        }
        return true
    }

    private static let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    private static func ranges(_ list: [(String, Int)]) -> [(prefix: [UInt8], length: Int)] {
        list.map { (IPAddress(numeric: $0.0)!.bytes, $0.1) }
    }

    /// RFC 6890 special-purpose IPv4 blocks that are never a located client.
    private static let nonPublicIPv4 = ranges([
        ("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
        ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.0.0.0", 24), ("192.0.2.0", 24),
        ("192.168.0.0", 16), ("198.18.0.0", 15), ("198.51.100.0", 24), ("203.0.113.0", 24),
        ("224.0.0.0", 4), ("240.0.0.0", 4),
    ])

    /// IPv6 unspecified, loopback, discard, documentation, unique-local, link-local, old
    /// site-local and multicast blocks.
    private static let nonPublicIPv6 = ranges([
        ("::", 128), ("::1", 128), ("100::", 64), ("2001:db8::", 32),
        ("fc00::", 7), ("fe80::", 10), ("fec0::", 10), ("ff00::", 8),
    ])
}
