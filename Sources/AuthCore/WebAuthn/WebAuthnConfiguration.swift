import Foundation

/// The relying party of passkey ceremonies: its id, its name, and the origins allowed to use it
/// (`WEBAUTHN_RP_ID`, `WEBAUTHN_ORIGINS`).
public struct WebAuthnConfiguration: Sendable, Hashable {
    /// The RP ID: a registrable domain (`example.com`) or `localhost`. Passkeys are bound to it.
    public private(set) var relyingPartyID: String
    /// The name authenticators show beside the account (default `authd`).
    public var relyingPartyName = "authd"
    /// The web origins (`https://example.com`, `https://login.example.com:8443`) whose
    /// `clientDataJSON.origin` is accepted, and app origins such as `android:apk-key-hash:…`.
    public private(set) var origins: [String]
    /// How long a ceremony's challenge lives (default 5 minutes).
    public var challengeTTL: Duration = .seconds(300)
    /// How many passkeys one account may hold (default 20).
    public var maximumPasskeys = 20

    /// The embedded default: `localhost` and `http://localhost:8080`.
    public init() {
        relyingPartyID = "localhost"
        origins = ["http://localhost:8080"]
    }

    /// A validated relying party.
    /// - Throws: `AuthError(.invalidRequest)` naming the problem: an RP ID that is not a lower-case
    ///   host name, no origin, an origin with a path, or whose host is neither the RP ID nor a
    ///   subdomain of it, or `http://` anywhere but on `localhost`.
    public init(relyingPartyID: String, origins: [String]) throws {
        let id = relyingPartyID.lowercased()
        guard !id.isEmpty, id.utf8.count <= 253, !id.hasPrefix("."), !id.hasSuffix("."),
              id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E })
        else { throw AuthError.invalidRequest("WEBAUTHN_RP_ID must be a host name such as example.com (no scheme or port)") }
        guard !origins.isEmpty else { throw AuthError.invalidRequest("WEBAUTHN_ORIGINS must list at least one origin") }
        var normalized: [String] = []
        for origin in origins {
            normalized.append(try Self.check(origin, relyingPartyID: id))
        }
        self.relyingPartyID = id
        self.origins = normalized
    }

    /// Whether `origin` (from `clientDataJSON`) is one of the allowed origins.
    func allows(origin: String) -> Bool { origins.contains(origin) }

    private static func check(_ origin: String, relyingPartyID id: String) throws -> String {
        // Native apps present their own origin scheme (Android's apk-key-hash); listed verbatim.
        if origin.hasPrefix("android:apk-key-hash:") { return origin }
        guard let url = URLComponents(string: origin), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(),
              !host.isEmpty, url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil, url.user == nil
        else { throw AuthError.invalidRequest("WEBAUTHN_ORIGINS: \"\(origin)\" is not an origin such as https://example.com") }
        guard host == id || host.hasSuffix("." + id) else {
            throw AuthError.invalidRequest("WEBAUTHN_ORIGINS: the host of \"\(origin)\" is neither WEBAUTHN_RP_ID (\(id)) nor a subdomain of it")
        }
        switch scheme {
        case "https": break
        case "http":
            // Browsers treat only localhost as a secure context over plain HTTP.
            guard host == "localhost" || host.hasSuffix(".localhost") else {
                throw AuthError.invalidRequest("WEBAUTHN_ORIGINS: \"\(origin)\" must use https (http only on localhost)")
            }
        default: throw AuthError.invalidRequest("WEBAUTHN_ORIGINS: \"\(origin)\" must be an https:// origin")
        }
        // The serialisation browsers put in clientDataJSON: scheme://host[:port], no default port.
        let port = url.port.flatMap { ($0 == 443 && scheme == "https") || ($0 == 80 && scheme == "http") ? nil : $0 }
        return "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "")
    }
}
