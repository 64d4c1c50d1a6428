import AuthCore
import Foundation

/// Reads the OAuth providers from the environment: `GOOGLE_*` (the seed's names) and
/// `OAUTH_PROVIDERS=github,apple,okta` with `OAUTH_<NAME>_…` per provider.
///
/// A provider's kind is `OAUTH_<NAME>_KIND`, else its name when that is a known kind (`google`,
/// `github`, `apple`, `oidc`), else `oidc`: so `OAUTH_PROVIDERS=okta` with `OAUTH_OKTA_ISSUER` is a
/// generic OpenID Connect provider with no further ado. Anything that looks like a provider setting
/// but is not read (a typo, or a provider missing from `OAUTH_PROVIDERS`) stops the start-up, so a
/// setting is never silently ignored. Values are never echoed: some are secrets.
///
/// The shared variables are read here; what only one kind reads (Apple's key, the OpenID issuer
/// being required) and its discovery document live in that kind's own file
/// (`<Kind>ProviderEnvironment.swift`, an ``OAuthProviderKindEnvironment``).
enum OAuthProviderEnvironment {
    /// What authd knows of each provider kind, one file each.
    static let kinds: [any OAuthProviderKindEnvironment.Type] = [
        GoogleProviderEnvironment.self, OIDCProviderEnvironment.self, GitHubProviderEnvironment.self,
        AppleProviderEnvironment.self,
    ]
    /// The per-provider suffixes, after `OAUTH_<NAME>_`: the shared ones, then each kind's own.
    static let suffixes = ["KIND", "CLIENT_ID", "CLIENT_SECRET", "ISSUER", "SCOPES"] + kinds.flatMap { $0.ownSuffixes }
    /// Variables starting with `OAUTH_` that are not per-provider settings.
    static let globalNames: Set<String> = ["OAUTH_PROVIDERS", "OAUTH_REDIRECT_ALLOWLIST"]

    /// What authd knows of `kind`, if it is a kind of this build.
    static func environment(ofKind kind: String) -> (any OAuthProviderKindEnvironment.Type)? {
        kinds.first { $0.kind == kind }
    }

    /// The settings of every configured provider, Google first.
    /// - Parameters:
    ///   - list: the value of `OAUTH_PROVIDERS` (or its flag).
    ///   - google: the `GOOGLE_*` client, when set.
    /// - Throws: ``ConfigurationError`` naming the first bad or missing setting.
    static func providers(
        list: String?, google: (clientID: String, secret: String, issuer: URL)?, environment env: [String: String],
        readFile: @escaping (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws -> [OAuthProviderSettings] {
        var result: [OAuthProviderSettings] = []
        if let google {
            result.append(GoogleProviderEnvironment.seedProvider(clientID: google.clientID, secret: google.secret, issuer: google.issuer))
        }
        let names = list.map(ConfigurationParsing.list) ?? []
        for name in names {
            guard (1...32).contains(name.utf8.count),
                  name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { throw ConfigurationError("OAUTH_PROVIDERS: \"\(name.prefix(40))\" must be lower-case letters, digits and - (it becomes a URL path)") }
            guard !result.contains(where: { $0.name == name }) else {
                throw ConfigurationError(name == "google"
                    ? "OAUTH_PROVIDERS lists google while GOOGLE_CLIENT_ID is set: configure Google one way only"
                    : "OAUTH_PROVIDERS lists \(name) twice")
            }
            result.append(try provider(OAuthProviderVariables(name: name, prefix: prefix(name), environment: env, readFile: readFile)))
        }
        try rejectUnread(env, names: Set(names))
        return result
    }

    /// The variable prefix of `name`: `OAUTH_OKTA_`, `OAUTH_MY_IDP_` for `my-idp`.
    static func prefix(_ name: String) -> String {
        "OAUTH_" + name.uppercased().replacingOccurrences(of: "-", with: "_") + "_"
    }

    /// One listed provider: the shared variables here, the rest by its kind.
    private static func provider(_ v: OAuthProviderVariables) throws -> OAuthProviderSettings {
        let (name, p) = (v.name, v.prefix)
        let kind = v.value("KIND")?.lowercased() ?? (OAuthProviderRegistry.kinds[name] != nil ? name : OIDCProviderEnvironment.kind)
        guard OAuthProviderRegistry.kinds[kind] != nil, let kindEnvironment = environment(ofKind: kind) else {
            let known = OAuthProviderRegistry.kinds.keys.sorted().joined(separator: ", ")
            throw ConfigurationError("\(p)KIND must be one of \(known)")
        }
        let clientID = try v.required("CLIENT_ID")
        let issuer = try v.value("ISSUER").map { try issuerURL($0, name: p + "ISSUER") }
        try kindEnvironment.checkIssuer(issuer, v)
        let scopes = v.value("SCOPES").map { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
        var settings = OAuthProviderSettings(
            name: name, kind: kind, clientID: clientID, clientSecret: v.value("CLIENT_SECRET") ?? "", issuer: issuer, scopes: scopes)
        try kindEnvironment.readCredentials(into: &settings, from: v)
        // Another kind's own variable (Apple's key on a GitHub provider) is a mistake, not noise.
        for other in kinds where other.kind != kind {
            for suffix in other.ownSuffixes where v.value(suffix) != nil {
                throw ConfigurationError("\(p)\(suffix) is only for \(other.displayName) providers (\(name) is of kind \(kind))")
            }
        }
        return settings
    }

    /// An issuer (or GitHub Enterprise) URL: `https`, or `http` on a loopback host only, as AuthCore
    /// rules for every provider endpoint (codes and secrets never travel in the clear off the machine).
    static func issuerURL(_ text: String, name: String) throws -> URL {
        let url = try ConfigurationParsing.url(text, name: name, schemes: ["https", "http"])
        if url.scheme?.lowercased() == "http" {
            let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            guard host == "localhost" || host == "::1" || host.hasPrefix("127.") else {
                throw ConfigurationError("\(name) must be an https:// URL (http:// only on localhost or 127.0.0.1)")
            }
        }
        guard url.query == nil, url.fragment == nil, url.user == nil else {
            throw ConfigurationError("\(name) must be a plain URL without user, query or fragment")
        }
        return url
    }

    /// Throws for any `OAUTH_…` variable that no listed provider reads.
    private static func rejectUnread(_ env: [String: String], names: Set<String>) throws {
        let read = Set(names.flatMap { name in suffixes.map { prefix(name) + $0 } })
        for key in env.keys.sorted() where key.hasPrefix("OAUTH_") && !globalNames.contains(key) && !read.contains(key) {
            guard env[key]?.isEmpty == false else { continue }
            let listed = names.first { key.hasPrefix(prefix($0)) }
            throw ConfigurationError(listed.map { "\(key) is not a setting of the OAuth provider \($0)" }
                ?? "\(key) is set but its provider is not listed in OAUTH_PROVIDERS")
        }
    }
}
