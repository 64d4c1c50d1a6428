import Foundation

/// Sign-in with GitHub: OAuth 2.0 without OpenID Connect.
///
/// There is no id_token: the identity comes from GitHub's API, called with the access token the
/// code was exchanged for (so it is as trustworthy as the TLS connection to GitHub). The subject is
/// the numeric user id (logins can be renamed and reused); the email is the account's primary
/// address from `/user/emails`, whose `verified` flag decides whether sign-in may proceed.
public struct GitHubProvider: OAuthProvider {
    public let name: String
    /// "GitHub".
    public var displayName: String { "GitHub" }
    let clientID: String
    let clientSecret: String
    let scopes: [String]
    let webBase: URL
    let apiBase: URL
    let fetcher: any HTTPFetcher

    /// Creates the provider.
    /// - Parameters:
    ///   - name: the registry name (default `github`).
    ///   - clientID, clientSecret: the OAuth app's client.
    ///   - enterpriseBase: a GitHub Enterprise Server's base URL (default: github.com).
    ///   - fetcher: the HTTP client.
    public init(
        name: String = "github", clientID: String, clientSecret: String, scopes: [String] = ["read:user", "user:email"],
        enterpriseBase: URL? = nil, fetcher: any HTTPFetcher
    ) {
        self.name = name
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.webBase = enterpriseBase ?? URL(string: "https://github.com")!
        self.apiBase = enterpriseBase.map { $0.appendingPathComponent("api/v3") } ?? URL(string: "https://api.github.com")!
        self.fetcher = fetcher
    }

    /// Creates the provider from settings (the registry's factory for kind `github`).
    public init(settings s: OAuthProviderSettings, fetcher: any HTTPFetcher, clock: any WallClock) throws {
        self.init(
            name: s.name, clientID: s.clientID, clientSecret: s.clientSecret, scopes: s.scopes ?? ["read:user", "user:email"],
            enterpriseBase: s.issuer, fetcher: fetcher)
    }

    public func authorizationURL(for request: OAuthAuthorizationRequest) async throws -> URL {
        try OAuthHTTP.url(
            try OAuthHTTP.endpoint(webBase.appendingPathComponent("login/oauth/authorize").absoluteString),
            adding: [
                URLQueryItem(name: "client_id", value: clientID), URLQueryItem(name: "redirect_uri", value: request.redirectURI),
                URLQueryItem(name: "scope", value: scopes.joined(separator: " ")),
                URLQueryItem(name: "state", value: request.state), URLQueryItem(name: "allow_signup", value: "true"),
                URLQueryItem(name: "code_challenge", value: request.codeChallenge),
                URLQueryItem(name: "code_challenge_method", value: PKCE.method),
            ])
    }

    public func identity(for grant: OAuthCodeGrant) async throws -> OAuthIdentity {
        let endpoint = OAuthTokenEndpoint(
            url: try OAuthHTTP.endpoint(webBase.appendingPathComponent("login/oauth/access_token").absoluteString),
            clientID: clientID, clientSecret: clientSecret, authentication: .post, fetcher: fetcher)
        guard let token = try await endpoint.exchange(grant).accessToken else { throw AuthError.oauth(.tokenExchange) }
        let user = try await api("user", token: token, as: GitHubUser.self)
        let emails = try await api("user/emails", token: token, as: [GitHubEmail].self)
        guard let primary = emails.first(where: \.primary), let address = try? EmailAddress(primary.email) else {
            throw AuthError.oauth(.emailMissing)
        }
        return OAuthIdentity(
            provider: name, subject: String(user.id), email: address, emailVerified: primary.verified,
            pictureURL: user.avatarURL)
    }

    private func api<T: Decodable>(_ path: String, token: String, as type: T.Type) async throws -> T {
        let request = FetchRequest(
            url: try OAuthHTTP.endpoint(apiBase.appendingPathComponent(path).absoluteString),
            headers: [
                "Authorization": "Bearer \(token)", "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": "2022-11-28", "User-Agent": "swift-auth",
            ])
        let response = try await OAuthHTTP.fetch(request, with: fetcher)
        guard response.status == 200 else { throw AuthError.oauth(.providerUnavailable) }
        return try OAuthHTTP.decode(T.self, from: response, failure: .providerUnavailable)
    }

    private struct GitHubUser: Decodable {
        var id: Int64
        var avatarURL: String?
        enum CodingKeys: String, CodingKey {
            case id
            case avatarURL = "avatar_url"
        }
    }

    private struct GitHubEmail: Decodable {
        var email: String
        var primary: Bool
        var verified: Bool
    }
}
