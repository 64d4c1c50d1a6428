import Foundation

/// Exchanges an authorisation code at a provider's token endpoint (RFC 6749 section 4.1.3, with
/// the PKCE `code_verifier` of RFC 7636).
struct OAuthTokenEndpoint: Sendable {
    /// How the client authenticates to the token endpoint.
    enum ClientAuthentication: Sendable {
        /// HTTP Basic with the form-encoded id and secret (RFC 6749 section 2.3.1), the default.
        case basic
        /// `client_id` and `client_secret` in the form body.
        case post
    }

    let url: URL
    let clientID: String
    let clientSecret: String
    let authentication: ClientAuthentication
    let fetcher: any HTTPFetcher

    /// The token response for `grant`.
    /// - Throws: `AuthError(.oauthFailed)` when the provider refuses the code or answers nonsense.
    func exchange(_ grant: OAuthCodeGrant) async throws -> OAuthTokenResponse {
        var fields = [
            ("grant_type", "authorization_code"), ("code", grant.code), ("redirect_uri", grant.redirectURI),
            ("code_verifier", grant.codeVerifier),
        ]
        var headers = [
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
        ]
        switch authentication {
        case .basic:
            let pair = OAuthHTTP.formEncode(clientID) + ":" + OAuthHTTP.formEncode(clientSecret)
            headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        case .post:
            fields += [("client_id", clientID), ("client_secret", clientSecret)]
        }
        let request = FetchRequest(method: "POST", url: url, headers: headers, body: OAuthHTTP.form(fields))
        let response = try await OAuthHTTP.fetch(request, with: fetcher)
        guard response.status == 200 else { throw AuthError.oauth(.tokenExchange) }
        let tokens = try OAuthHTTP.decode(OAuthTokenResponse.self, from: response, failure: .tokenExchange)
        // GitHub answers refusals with 200 and an `error` member.
        guard tokens.error == nil, let access = tokens.accessToken, !access.isEmpty else {
            throw AuthError.oauth(.tokenExchange)
        }
        if let type = tokens.tokenType, type.lowercased() != "bearer" { throw AuthError.oauth(.tokenExchange) }
        return tokens
    }
}

/// The members of a token response that sign-in uses.
struct OAuthTokenResponse: Decodable, Sendable {
    var accessToken: String?
    var tokenType: String?
    var idToken: String?
    var error: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case idToken = "id_token"
        case error
    }
}
