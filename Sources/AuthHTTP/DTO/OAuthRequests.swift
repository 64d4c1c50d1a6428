/// `{code, state, redirect_uri}`: the seed's OAuth callback body.
///
/// When the provider sent the browser back with `?error=…` instead of a code, clients post
/// `{error, state, redirect_uri}` (the `code` is then absent) so the server can spend the state.
struct OAuthCallbackRequest: Decodable, Sendable {
    var code: String?
    var state: String
    var redirectURI: String
    var error: String?

    enum CodingKeys: String, CodingKey {
        case code, state, error
        case redirectURI = "redirect_uri"
    }
}
