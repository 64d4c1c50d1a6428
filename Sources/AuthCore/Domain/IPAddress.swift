#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A numeric IPv4 or IPv6 address as bytes: the one address type of every module.
///
/// Parsed with `inet_pton` only, so a host name is never an address and nothing built on this type
/// can trigger a DNS query. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, what a dual-stack socket
/// reports for IPv4 peers) are stored as the plain IPv4 address they are, so they rate-limit,
/// cache and locate as one client.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    /// 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// Parses the textual form (`203.0.113.9`, `2001:db8::1`, `[2001:db8::1]`); `nil` for anything
    /// else (host names, CIDRs, zone ids, ports, surrounding spaces, embedded NULs, over-long input).
    public init?(_ text: some StringProtocol) {
        var s = String(text)
        if s.hasPrefix("["), s.hasSuffix("]") { s = String(s.dropFirst().dropLast()) }
        // INET6_ADDRSTRLEN - 1 is the longest numeric form; a NUL would cut the C string short.
        guard !s.isEmpty, s.utf8.count <= 45, !s.utf8.contains(0) else { return nil }
        if s.utf8.contains(UInt8(ascii: ":")) {
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, s, &v6) == 1 else { return nil }
            self.init(bytes: withUnsafeBytes(of: &v6) { Array($0) })
        } else {
            var v4 = in_addr()
            guard inet_pton(AF_INET, s, &v4) == 1 else { return nil }
            self.init(bytes: withUnsafeBytes(of: &v4) { Array($0) })
        }
    }

    /// Whether this is an IPv4 address (including an unwrapped IPv4-mapped one).
    public var isIPv4: Bool { bytes.count == 4 }

    /// The canonical textual form.
    public var description: String {
        if isIPv4 { return Self.dottedQuad(bytes) }
        // On the stack, without copying the bytes: this runs for every `/me` and rate-limit key.
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN) + 1) { text in
            let ok = bytes.withUnsafeBytes { raw in
                inet_ntop(AF_INET6, raw.baseAddress, text.baseAddress, socklen_t(text.count)) != nil
            }
            return ok ? String(cString: text.baseAddress!) : ""
        }
    }

    /// `a.b.c.d`, written by hand: glibc's `inet_ntop` formats IPv4 through `sprintf`, which
    /// showed in profiles of `/me` (it answers the session's address on every request).
    private static func dottedQuad(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: 15) { out in
            var count = 0
            func put(_ byte: UInt8) {
                out[count] = byte
                count += 1
            }
            for (index, byte) in bytes.enumerated() {
                if index > 0 { put(UInt8(ascii: ".")) }
                if byte >= 100 { put(UInt8(ascii: "0") + byte / 100) }
                if byte >= 10 { put(UInt8(ascii: "0") + byte / 10 % 10) }
                put(UInt8(ascii: "0") + byte % 10)
            }
            return count
        }
    }

    /// The network a rate limit counts this address under: the IPv4 address itself, or the /64 an
    /// IPv6 address belongs to (one subscriber's allocation: counting per address would give a
    /// single client 2^64 budgets).
    public var limitNetwork: String {
        guard !isIPv4 else { return description }
        let prefix = Array(bytes.prefix(8)) + Array(repeating: 0, count: 8)
        return "\(IPAddress(bytesOf: prefix).description)/64"
    }

    private init(bytesOf bytes: [UInt8]) { self.bytes = bytes }

    /// An address from its 4 (IPv4) or 16 (IPv6) bytes in network order; `nil` for other lengths.
    /// IPv4-mapped IPv6 bytes become the IPv4 address they carry, as from text.
    public init?(bytes: [UInt8]) {
        switch bytes.count {
        case 4: self.bytes = bytes
        case 16: self.bytes = bytes.starts(with: Self.mappedPrefix) ? Array(bytes[12...]) : bytes
        default: return nil
        }
    }

    /// Whether the first `length` bits equal those of `prefix` (same family only).
    public func hasPrefix(_ prefix: IPAddress, length: Int) -> Bool {
        guard prefix.bytes.count == bytes.count, (0...bytes.count * 8).contains(length) else { return false }
        var remaining = length
        for (a, b) in zip(prefix.bytes, bytes) {
            guard remaining > 0 else { return true }
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard a & mask == b & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// Whether the address can belong to a client on the public internet: false for private,
    /// loopback, link-local, unique-local, CGNAT, documentation, multicast and reserved ranges.
    public var isPublic: Bool {
        let ranges = isIPv4 ? Self.nonPublicIPv4 : Self.nonPublicIPv6
        return !ranges.contains { hasPrefix($0.prefix, length: $0.length) }
    }

    /// Encodes as the textual form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the textual form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPAddress(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an IP address")
        }
        self = address
    }

    private static let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    private static func ranges(_ list: [(String, Int)]) -> [(prefix: IPAddress, length: Int)] {
        // The literals below are well-formed; `compactMap` keeps a typo from crashing start-up.
        list.compactMap { entry in IPAddress(entry.0).map { ($0, entry.1) } }
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
