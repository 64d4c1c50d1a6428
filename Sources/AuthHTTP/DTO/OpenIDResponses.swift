import AuthCore

/// The token endpoint's JSON (RFC 6749 section 5.1).
struct OpenIDTokenBody: Encodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var idToken: String
    var refreshToken: String?
    var scope: String

    init(_ response: OpenIDTokenResponse) {
        accessToken = response.accessToken
        expiresIn = response.expiresIn
        idToken = response.idToken
        refreshToken = response.refreshToken
        scope = response.scope
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case idToken = "id_token"
        case refreshToken = "refresh_token"
    }
}

/// The userinfo endpoint's JSON (OpenID Connect Core section 5.3.2).
struct UserInfoBody: Encodable, Sendable {
    var sub: String
    var email: String?
    var emailVerified: Bool?
    var preferredUsername: String?
    var updatedAt: Int?

    init(_ info: UserInfo) {
        sub = info.sub
        email = info.email
        emailVerified = info.emailVerified
        preferredUsername = info.preferredUsername
        updatedAt = info.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case sub, email
        case emailVerified = "email_verified"
        case preferredUsername = "preferred_username"
        case updatedAt = "updated_at"
    }
}

/// The discovery document (OpenID Connect Discovery 1.0 section 3).
struct OpenIDDiscoveryBody: Encodable, Sendable {
    var issuer: String
    var authorizationEndpoint: String
    var tokenEndpoint: String
    var userinfoEndpoint: String
    var revocationEndpoint: String
    var introspectionEndpoint: String
    var endSessionEndpoint: String
    var jwksURI: String
    var responseTypesSupported = ["code"]
    var responseModesSupported = ["query"]
    var grantTypesSupported = ["authorization_code", "refresh_token"]
    var subjectTypesSupported = ["public"]
    var idTokenSigningAlgValuesSupported = ["RS256", "ES256", "EdDSA"]
    var scopesSupported = OpenIDScope.supported
    var tokenEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "none"]
    var revocationEndpointAuthMethodsSupported = ["client_secret_basic", "client_secret_post", "none"]
    var introspectionEndpointAuthMethodsSupported = ["client_secret_basic"]
    var codeChallengeMethodsSupported = ["S256"]
    var claimsSupported = [
        "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "amr", "acr", "azp", "at_hash", "sid", "email",
        "email_verified", "preferred_username", "updated_at",
    ]
    var acrValuesSupported = ["aal1", "aal2"]
    var promptValuesSupported = ["none", "login", "consent"]
    var claimsParameterSupported = false
    var requestParameterSupported = false
    var requestURIParameterSupported = false
    var authorizationResponseIssParameterSupported = true
    var frontchannelLogoutSupported = false
    var backchannelLogoutSupported = false

    init(issuer: String) {
        self.issuer = issuer
        authorizationEndpoint = issuer + "/oauth2/authorize"
        tokenEndpoint = issuer + "/oauth2/token"
        userinfoEndpoint = issuer + "/oauth2/userinfo"
        revocationEndpoint = issuer + "/oauth2/revoke"
        introspectionEndpoint = issuer + "/api/v1/auth/introspect"
        endSessionEndpoint = issuer + "/oauth2/logout"
        jwksURI = issuer + "/.well-known/jwks.json"
    }

    enum CodingKeys: String, CodingKey {
        case issuer
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case jwksURI = "jwks_uri"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case grantTypesSupported = "grant_types_supported"
        case subjectTypesSupported = "subject_types_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case scopesSupported = "scopes_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case revocationEndpointAuthMethodsSupported = "revocation_endpoint_auth_methods_supported"
        case introspectionEndpointAuthMethodsSupported = "introspection_endpoint_auth_methods_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case claimsSupported = "claims_supported"
        case acrValuesSupported = "acr_values_supported"
        case promptValuesSupported = "prompt_values_supported"
        case claimsParameterSupported = "claims_parameter_supported"
        case requestParameterSupported = "request_parameter_supported"
        case requestURIParameterSupported = "request_uri_parameter_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case frontchannelLogoutSupported = "frontchannel_logout_supported"
        case backchannelLogoutSupported = "backchannel_logout_supported"
    }
}
