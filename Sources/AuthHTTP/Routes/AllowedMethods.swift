import HTTPTypes
import Hummingbird

/// The methods each registered path answers, built from a router's routes, so that a known path
/// asked with another method gets 405 with an `Allow` header instead of the router's 404.
///
/// Paths are matched segment by segment; a router parameter (`:id`, `{id}`) or `*` matches any one
/// segment and `**` the rest of the path, as in Hummingbird's trie.
public struct AllowedMethods: Sendable {
    struct Entry: Sendable {
        let segments: [Substring]
        var methods: Set<HTTPRequest.Method>
    }

    private var entries: [Entry] = []

    /// The table of `routes` (HEAD is allowed wherever GET is, as Hummingbird answers it).
    public init(routes: [Router<AuthRequestContext>.RouteDescription]) {
        for route in routes {
            let segments = Self.segments(of: "\(route.path)")
            if let i = entries.firstIndex(where: { $0.segments == segments }) {
                entries[i].methods.insert(route.method)
            } else {
                entries.append(Entry(segments: segments, methods: [route.method]))
            }
        }
        for i in entries.indices where entries[i].methods.contains(.get) { entries[i].methods.insert(.head) }
    }

    /// The methods `path` answers, sorted for a stable `Allow` header; empty for an unknown path.
    public func methods(for path: String) -> [HTTPRequest.Method] {
        let parts = Self.segments(of: path)
        // As the router's trie does, a literal segment wins over a parameter at the same place:
        // `/mfa/totp/confirm` is that route alone, not also `/mfa/totp/:id`.
        let matching = entries.filter { Self.matches($0.segments, parts) }
        guard let best = matching.max(by: { Self.literalness($0.segments).lexicographicallyPrecedes(Self.literalness($1.segments)) })
        else { return [] }
        return best.methods.sorted { $0.rawValue < $1.rawValue }
    }

    static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// 1 for each literal segment, 0 for a parameter or wildcard, in order.
    static func literalness(_ template: [Substring]) -> [Int] {
        template.map { isWildcard($0) ? 0 : 1 }
    }

    static func isWildcard(_ part: Substring) -> Bool {
        part == "*" || part == "**" || part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}"))
    }

    static func matches(_ template: [Substring], _ path: [Substring]) -> Bool {
        for (i, part) in template.enumerated() {
            if part == "**" { return true }
            guard i < path.count else { return false }
            if isWildcard(part) { continue }
            guard part == path[i] else { return false }
        }
        return template.count == path.count
    }
}
