import AuthCore
import Foundation

/// Parsers for the text forms of settings. Each throws a ``ConfigurationError`` naming the
/// variable, and never echoes a value that could be a secret.
enum ConfigurationParsing {
    /// `604800`, `7d`, `12h`, `30m` or `45s`: a positive duration of at most 10 years.
    static func duration(_ text: String, name: String) throws -> Duration {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var digits = Substring(t)
        var unit: Int64 = 1
        if let last = t.last, let factor = units[last] {
            unit = factor
            digits = t.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int64(digits), n > 0, n <= 315_360_000 / unit else {
            throw ConfigurationError("\(name) must be a positive number of seconds or a form like 7d, 12h, 30m (got \"\(text)\")")
        }
        return .seconds(n * unit)
    }

    /// A network timeout: `30`, `30s`, `2m`; positive and at most a day (a longer one protects nothing).
    static func timeout(_ text: String, name: String) throws -> Duration {
        let value = try? duration(text, name: name)
        guard let value, value <= .seconds(86_400) else {
            throw ConfigurationError("\(name) must be a number of seconds from 1 to 86400, or a form like 30s, 2m (got \"\(text)\")")
        }
        return value
    }

    /// `N/<window>` such as `10/60s` or `100/1m`.
    static func rateLimit(_ text: String, name: String) throws -> RateLimitPolicy {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let limit = Int(parts[0]), limit > 0,
              let window = try? duration(String(parts[1]), name: name)
        else { throw ConfigurationError("\(name) must look like 10/60s: requests per window (got \"\(text)\")") }
        return RateLimitPolicy(limit: limit, window: window)
    }

    /// A URL with one of `schemes` and a host (or, for databases, a socket path). The URL itself is
    /// never printed: it may carry a password.
    static func url(_ text: String, name: String, schemes: [String], allowHostless: Bool = false) throws -> URL {
        let expected = schemes.map { "\($0)://" }.joined(separator: " or ")
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let url = components.url
        else { throw ConfigurationError("\(name) is not a valid URL (expected \(expected)…)") }
        guard schemes.contains(scheme) else {
            throw ConfigurationError("\(name) must start with \(expected) (got a \(scheme):// URL)")
        }
        guard allowHostless || !(components.host ?? "").isEmpty else { throw ConfigurationError("\(name) has no host") }
        if let port = components.port, !(1...65535).contains(port) { throw ConfigurationError("\(name) has an invalid port") }
        return url
    }

    /// `0`…`65535`.
    static func port(_ text: String, name: String = "PORT") throws -> Int {
        guard let port = Int(text.trimmingCharacters(in: .whitespaces)), (0...65535).contains(port) else {
            throw ConfigurationError("\(name) must be a number from 0 to 65535 (got \"\(text)\")")
        }
        return port
    }

    /// Comma-separated, trimmed, non-empty entries.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
