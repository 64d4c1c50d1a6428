import Foundation

/// A CIDR block such as `10.0.0.0/8` or `2001:db8::/32`; a bare address means just that address.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits as written).
    public let address: IPAddress
    /// The prefix length in bits.
    public let prefixLength: Int

    /// Parses `address/prefix` or a bare address; `nil` when malformed or the prefix is out of range.
    public init?(_ text: some StringProtocol) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(parts[0]) else { return nil }
        let maximum = address.bytes.count * 8
        if parts.count == 2 {
            guard let bits = Int(parts[1]), (0...maximum).contains(bits) else { return nil }
            self.prefixLength = bits
        } else {
            self.prefixLength = maximum
        }
        self.address = address
    }

    /// Parses a comma-separated list of blocks.
    /// - Returns: the networks, or the first entry that did not parse.
    public static func parseList(_ text: String) -> Result<[IPNetwork], InvalidNetwork> {
        var networks: [IPNetwork] = []
        for entry in text.split(separator: ",") where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let network = IPNetwork(entry) else { return .failure(InvalidNetwork(text: String(entry.trimmingCharacters(in: .whitespaces)))) }
            networks.append(network)
        }
        return .success(networks)
    }

    /// The entry of a list that is not a CIDR block.
    public struct InvalidNetwork: Error, Sendable {
        /// The offending text.
        public var text: String
    }

    /// Whether `ip` lies inside this block (always false across address families).
    public func contains(_ ip: IPAddress) -> Bool {
        ip.hasPrefix(address, length: prefixLength)
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
