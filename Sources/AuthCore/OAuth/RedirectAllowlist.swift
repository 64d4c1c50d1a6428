import Foundation

/// The `redirect_uri` values a sign-in may use (`OAUTH_REDIRECT_ALLOWLIST`).
///
/// An entry is either an exact URI (`https://app.example.com/auth/callback`), matched component by
/// component, or a prefix ending in `/*` (`https://app.example.com/auth/*`), which allows any path
/// below `/auth/`. A prefix therefore always ends on a path boundary: `/auth/*` allows
/// `/auth/callback` but never `/authority` or `/auth.evil`, and scheme, host and port must match
/// exactly, so `https://app.example.com.evil.net/…` or `https://app.example.com@evil.net/…` never
/// pass. Candidates with user info, a fragment, dot segments or encoded `.`, `/` or `\` are refused
/// outright, so a prefix cannot be escaped with `/auth/../admin` either.
///
/// - Important: the provider sends the authorisation code and `state` to this URI, and whoever
///   posts them to the callback first gets the session. List exact callback URIs where you can;
///   use a prefix only for a subtree with no open redirects and no third-party content.
public struct RedirectAllowlist: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var scheme: String
        var host: String
        var port: Int
        var path: String
        var query: String?
        var isPrefix: Bool
    }

    let entries: [Entry]

    /// Parses `entries`.
    /// - Throws: `AuthError(.invalidRequest)` naming the first entry that is not an absolute
    ///   http(s) URI, or that has a `*` anywhere but a final `/*` of the path.
    public init(_ entries: [String]) throws {
        self.entries = try entries.map { raw in
            let isPrefix = raw.hasSuffix("/*")
            let text = isPrefix ? String(raw.dropLast()) : raw
            guard !text.contains("*"), let url = Self.parse(text), !(isPrefix && url.query != nil) else {
                throw AuthError.invalidRequest("OAUTH_REDIRECT_ALLOWLIST: \"\(raw)\" is not an http(s) URI or a /* prefix")
            }
            return Entry(
                scheme: url.scheme, host: url.host, port: url.port, path: url.path, query: url.query, isPrefix: isPrefix)
        }
    }

    /// Whether `candidate` may be used as a `redirect_uri`.
    public func allows(_ candidate: String) -> Bool {
        guard candidate.utf8.count <= 2048, let url = Self.parse(candidate) else { return false }
        return entries.contains { e in
            guard e.scheme == url.scheme, e.host == url.host, e.port == url.port else { return false }
            if e.isPrefix { return url.path.hasPrefix(e.path) }
            return e.path == url.path && e.query == url.query
        }
    }

    /// The parts compared; `nil` for anything not safely comparable.
    private static func parse(_ text: String) -> (scheme: String, host: String, port: Int, path: String, query: String?)? {
        guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = c.percentEncodedHost?.lowercased(), !host.isEmpty,
            c.percentEncodedUser == nil, c.percentEncodedPassword == nil, c.percentEncodedFragment == nil,
            !text.contains("\\")
        else { return nil }
        let path = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        let lowered = path.lowercased()
        guard path.hasPrefix("/"), !lowered.contains("%2e"), !lowered.contains("%2f"), !lowered.contains("%5c") else {
            return nil
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        let port = c.port ?? (scheme == "https" ? 443 : 80)
        return (scheme, host, port, path, c.percentEncodedQuery)
    }
}
