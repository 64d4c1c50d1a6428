/// `DATABASE_URL` as libpq reads it: a `postgres://` or `postgresql://` URL, passed on unchanged.
///
/// Not a Foundation `URL`: libpq's URLs may name several hosts (`postgres://u@a:5432,b:5432/db?
/// target_session_attrs=read-write`, so the pool follows a failover to the new primary), which
/// RFC 3986 parsers refuse. The checks here are the ones that catch a typo at start-up: the scheme,
/// and that each host's port is a number from 1 to 65535. Everything else (parameters, sockets,
/// TLS settings) is libpq's to read and to refuse.
struct DatabaseURL: Sendable, Equatable {
    /// The text as given, for libpq.
    let text: String

    /// Checks `text`.
    /// - Throws: ``ConfigurationError`` naming `name` for another scheme or a malformed port.
    init(_ text: String, name: String = "DATABASE_URL") throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        guard let scheme = ["postgres://", "postgresql://"].first(where: { lowered.hasPrefix($0) }) else {
            throw ConfigurationError("\(name) must start with postgres:// or postgresql://")
        }
        let rest = trimmed.dropFirst(scheme.count)
        // The authority runs to the first '/' or '?'; what precedes an '@' is the user and password.
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let hosts = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        for (position, host) in hosts.split(separator: ",", omittingEmptySubsequences: false).enumerated() where !host.isEmpty {
            // An IPv6 literal is bracketed: its port follows the closing bracket.
            let afterAddress = host.hasPrefix("[") ? host.drop { $0 != "]" }.dropFirst() : host
            guard let colon = afterAddress.lastIndex(of: ":") else { continue }
            let port = afterAddress[afterAddress.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number) else {
                // The host by its place in the list, not its text: a password with an unencoded
                // '/' or '?' would otherwise end up in this message.
                throw ConfigurationError("\(name) has an invalid port (host \(position + 1) of the list)")
            }
        }
        self.text = trimmed
    }
}
