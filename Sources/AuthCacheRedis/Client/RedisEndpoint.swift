import AuthCore
import Foundation

/// Where and how to reach Redis, parsed from a `redis://` or `rediss://` URL.
///
/// Form: `redis[s]://[[user]:password@]host[:port][/db][?tls_ca=/path/ca.pem]`.
/// - `rediss://` connects with TLS (certificate and host name verified; system roots unless
///   `tls_ca` names a PEM file of CA certificates to trust instead).
/// - `:password@` sends `AUTH password`; `user:password@` sends `AUTH user password` (ACL, Redis 6+).
///   Percent-escape reserved characters in either.
/// - `/N` selects database N on every connection (default 0).
///
/// - Important: `description` hides the password; log the endpoint, never the URL.
public struct RedisEndpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Whether the connection uses TLS (`rediss://`).
    public var useTLS: Bool
    /// The ACL user, when the URL names one.
    public var username: String?
    public var password: String?
    /// The database index selected after connecting.
    public var database: Int
    /// A PEM file of CA certificates to trust for TLS instead of the system roots.
    public var tlsCAFile: String?

    /// Parses `url`.
    /// - Throws: `AuthError(.invalidRequest)` naming what is wrong (never echoing the password).
    public init(url: String) throws {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased() else {
            throw AuthError.invalidRequest("REDIS_URL is not a URL")
        }
        switch scheme {
        case "redis": useTLS = false
        case "rediss": useTLS = true
        default: throw AuthError.invalidRequest("REDIS_URL must start with redis:// or rediss://")
        }
        guard let rawHost = parts.host, !rawHost.isEmpty else {
            throw AuthError.invalidRequest("REDIS_URL has no host")
        }
        host = rawHost.hasPrefix("[") && rawHost.hasSuffix("]") ? String(rawHost.dropFirst().dropLast()) : rawHost
        port = parts.port ?? 6379
        guard (1...65535).contains(port) else { throw AuthError.invalidRequest("REDIS_URL port is out of range") }
        let user = parts.user.flatMap { $0.isEmpty ? nil : $0 }
        password = parts.password.flatMap { $0.isEmpty ? nil : $0 }
        if user != nil, password == nil {
            throw AuthError.invalidRequest(
                "REDIS_URL names a user but no password; write redis://:PASSWORD@host for a password alone")
        }
        username = user
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        if path.isEmpty {
            database = 0
        } else if let index = Int(path), index >= 0 {
            database = index
        } else {
            throw AuthError.invalidRequest("REDIS_URL path must be a database number such as /0")
        }
        tlsCAFile = nil
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "tls_ca":
                guard let value = item.value, !value.isEmpty else {
                    throw AuthError.invalidRequest("REDIS_URL tls_ca needs a file path")
                }
                tlsCAFile = value
            default:
                throw AuthError.invalidRequest("REDIS_URL has an unknown parameter '\(item.name)' (known: tls_ca)")
            }
        }
        if tlsCAFile != nil, !useTLS {
            throw AuthError.invalidRequest("REDIS_URL tls_ca needs a rediss:// URL")
        }
    }

    public var description: String {
        let auth = password == nil ? "" : "\(username ?? ""):***@"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(useTLS ? "rediss" : "redis")://\(auth)\(hostPart):\(port)/\(database)"
    }
}
