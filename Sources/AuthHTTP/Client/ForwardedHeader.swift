/// The `for=` addresses of RFC 7239 `Forwarded` header values, in order (nearest proxy last).
///
/// `Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711"` gives
/// `["192.0.2.60", "2001:db8:cafe::17"]`. Quotes, the brackets around IPv6 and a port are removed.
/// An element without `for=`, an obfuscated or `unknown` node, or text that does not parse makes
/// the whole header unbelievable (`nil`), as a malformed `X-Forwarded-For` does.
enum ForwardedHeader {
    static func forAddresses(_ values: [String]) -> [String]? {
        var out: [String] = []
        for value in values {
            for element in value.split(separator: ",", omittingEmptySubsequences: false) {
                var node: String?
                for pair in element.split(separator: ";", omittingEmptySubsequences: false) {
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard parts.count == 2 else {
                        if pair.trimmingWhitespace.isEmpty { continue }
                        return nil
                    }
                    guard parts[0].trimmingWhitespace.lowercased() == "for" else { continue }
                    guard node == nil, let address = address(of: parts[1].trimmingWhitespace) else { return nil }
                    node = address
                }
                guard let node else { return nil }
                out.append(node)
            }
        }
        return out
    }

    /// The address of one `for=` node value, without quotes, brackets or port.
    static func address(of raw: String) -> String? {
        var text = Substring(raw)
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { return nil }
            text = text.dropFirst().dropLast()
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        // IPv4, optionally with a port; an unbracketed IPv6 is not valid RFC 7239 syntax.
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let host = pieces.first, !host.isEmpty else { return nil }
        return String(host)
    }
}
