import AuthCore

/// `{success: true, state, token, refresh_token, expires_in}`: the seed's answer to a completed
/// OAuth sign-in with the refresh token beside it, plus `name`
/// when the provider sent one through the browser (Apple, first authorisation only).
struct OAuthSignedInResponse: Codable, Sendable {
    var success = true
    /// The caller's own `state`, as it passed it to the start route.
    var state: String
    var token: String
    var refreshToken: String
    var expiresIn: Int
    /// Unverified; absent unless the provider sent it.
    var name: OAuthPersonName?

    enum CodingKeys: String, CodingKey {
        case success, state, token, name
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }

    init(state: String, signedIn: SignedIn, name: OAuthPersonName?) {
        self.state = state
        token = signedIn.token
        refreshToken = signedIn.refreshToken
        expiresIn = signedIn.expiresIn
        self.name = name
    }
}

/// `GET /oauth/accounts`: `{accounts: [{provider, email, created_at}]}`.
struct LinkedAccountsResponse: Encodable, Sendable {
    struct Account: Encodable, Sendable {
        var provider: String
        var email: String
        var createdAt: String

        enum CodingKeys: String, CodingKey {
            case provider, email
            case createdAt = "created_at"
        }
    }
    var accounts: [Account]

    init(_ links: [AuthCore.OAuthAccount]) {
        accounts = links.map { Account(provider: $0.provider, email: $0.email.value, createdAt: Timestamp.format($0.createdAt)) }
    }
}
