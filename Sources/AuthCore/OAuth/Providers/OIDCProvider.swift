import Foundation
import JWTKit

/// Any OpenID Connect provider, configured by its issuer URL alone (endpoints and keys come from
/// its discovery document): the authorisation-code flow with PKCE and nonce, identity taken from
/// the verified id_token (and from the userinfo endpoint when the id_token carries no email).
public struct OIDCProvider: OAuthProvider {
    public let name: String
    let clientID: String
    /// The client secret to send now: a fixed string, or (Apple) a freshly signed JWT.
    let clientSecret: @Sendable () async throws -> String
    let scopes: [String]
    /// Extra authorisation-request parameters of a provider kind (Apple: `response_mode`).
    let authorizationParameters: [URLQueryItem]
    let discovery: OIDCDiscovery
    let verifier: IDTokenVerifier
    let fetcher: any HTTPFetcher

    /// Creates a provider.
    /// - Parameters:
    ///   - name: the registry name.
    ///   - issuer: the exact issuer identifier (`iss`), also the base of discovery.
    ///   - clientID, clientSecret: the OAuth client.
    ///   - scopes: requested scopes (default `openid email profile`).
    ///   - acceptedIssuers: `iss` values accepted in id_tokens (default: `issuer` only).
    ///   - fetcher: the HTTP client.
    ///   - clock: the time source for token expiry and caches.
    public init(
        name: String, issuer: URL, clientID: String, clientSecret: String, scopes: [String] = ["openid", "email", "profile"],
        acceptedIssuers: Set<String>? = nil, fetcher: any HTTPFetcher, clock: any WallClock = SystemClock()
    ) {
        self.init(
            name: name, issuer: issuer, clientID: clientID, clientSecret: { clientSecret }, scopes: scopes,
            acceptedIssuers: acceptedIssuers, authorizationParameters: [], fetcher: fetcher, clock: clock)
    }

    /// The general form, for provider kinds built on OpenID Connect with their own client secret or
    /// request parameters.
    init(
        name: String, issuer: URL, clientID: String, clientSecret: @escaping @Sendable () async throws -> String,
        scopes: [String], acceptedIssuers: Set<String>?, authorizationParameters: [URLQueryItem], fetcher: any HTTPFetcher,
        clock: any WallClock
    ) {
        self.name = name
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorizationParameters = authorizationParameters
        self.scopes = scopes.contains("openid") ? scopes : ["openid"] + scopes
        self.discovery = OIDCDiscovery(issuer: issuer, fetcher: fetcher, clock: clock)
        self.verifier = IDTokenVerifier(
            issuers: acceptedIssuers ?? [issuer.absoluteString], clientID: clientID,
            keys: JWKSCache(fetcher: fetcher, clock: clock), clock: clock)
        self.fetcher = fetcher
    }

    /// Creates a provider of kind `oidc` from settings (the registry's factory).
    /// - Throws: `AuthError(.invalidRequest)` when no issuer is configured.
    public init(settings s: OAuthProviderSettings, fetcher: any HTTPFetcher, clock: any WallClock) throws {
        guard let issuer = s.issuer else { throw AuthError.invalidRequest("OAuth provider \(s.name): an issuer URL is required") }
        self.init(
            name: s.name, issuer: issuer, clientID: s.clientID, clientSecret: s.clientSecret,
            scopes: s.scopes ?? ["openid", "email", "profile"], fetcher: fetcher, clock: clock)
    }

    public func authorizationURL(for request: OAuthAuthorizationRequest) async throws -> URL {
        let metadata = try await discovery.metadata()
        return try OAuthHTTP.url(
            try OAuthHTTP.endpoint(metadata.authorizationEndpoint),
            adding: [
                URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientID),
                URLQueryItem(name: "redirect_uri", value: request.redirectURI),
                URLQueryItem(name: "scope", value: scopes.joined(separator: " ")),
                URLQueryItem(name: "state", value: request.state), URLQueryItem(name: "nonce", value: request.nonce),
                URLQueryItem(name: "code_challenge", value: request.codeChallenge),
                URLQueryItem(name: "code_challenge_method", value: PKCE.method),
            ] + authorizationParameters)
    }

    public func identity(for grant: OAuthCodeGrant) async throws -> OAuthIdentity {
        let metadata = try await discovery.metadata()
        let methods = metadata.tokenEndpointAuthMethodsSupported ?? ["client_secret_basic"]
        let endpoint = OAuthTokenEndpoint(
            url: try OAuthHTTP.endpoint(metadata.tokenEndpoint), clientID: clientID, clientSecret: try await clientSecret(),
            authentication: methods.contains("client_secret_basic") ? .basic : .post, fetcher: fetcher)
        let tokens = try await endpoint.exchange(grant)
        guard let idToken = tokens.idToken else { throw AuthError.oauth(.missingIDToken) }
        let claims = try await verifier.verify(
            idToken, nonce: grant.nonce, jwksURI: try OAuthHTTP.endpoint(metadata.jwksURI))
        var email = claims.email, verified = claims.emailVerified?.value, picture = claims.picture
        if email == nil, let userinfo = metadata.userinfoEndpoint, let access = tokens.accessToken {
            let info = try await userInfo(at: try OAuthHTTP.endpoint(userinfo), accessToken: access)
            // Core section 5.3.4: a userinfo answer for another subject must not be used.
            guard info.sub == claims.subject.value else { throw AuthError.oauth(.malformedIDToken) }
            (email, verified, picture) = (info.email, info.emailVerified?.value, picture ?? info.picture)
        }
        guard let email, let address = try? EmailAddress(email) else { throw AuthError.oauth(.emailMissing) }
        return OAuthIdentity(
            provider: name, subject: claims.subject.value, email: address, emailVerified: verified ?? false,
            pictureURL: picture)
    }

    private struct UserInfo: Decodable {
        var sub: String
        var email: String?
        var emailVerified: BoolClaim?
        var picture: String?
        enum CodingKeys: String, CodingKey {
            case sub, email, picture
            case emailVerified = "email_verified"
        }
    }

    private func userInfo(at url: URL, accessToken: String) async throws -> UserInfo {
        let request = FetchRequest(url: url, headers: ["Authorization": "Bearer \(accessToken)", "Accept": "application/json"])
        let response = try await OAuthHTTP.fetch(request, with: fetcher)
        guard response.status == 200 else { throw AuthError.oauth(.providerUnavailable) }
        return try OAuthHTTP.decode(UserInfo.self, from: response, failure: .providerUnavailable)
    }
}
