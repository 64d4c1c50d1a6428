import AuthCore
import Foundation

/// `POST /api/v1/admin/clients`.
struct OpenIDClientRequest: Decodable, Sendable {
    var name: String
    var redirectURIs: [String]
    var postLogoutRedirectURIs: [String]?
    var isPublic: Bool?
    var isFirstParty: Bool?
    var idTokenAlgorithm: String?

    enum CodingKeys: String, CodingKey {
        case name
        case redirectURIs = "redirect_uris"
        case postLogoutRedirectURIs = "post_logout_redirect_uris"
        case isPublic = "public"
        case isFirstParty = "first_party"
        case idTokenAlgorithm = "id_token_signed_response_alg"
    }
}

/// One OpenID client, with its secret only when it was just made.
struct OpenIDClientResponse: Encodable, Sendable {
    var clientID: String
    var name: String
    var redirectURIs: [String]
    var postLogoutRedirectURIs: [String]
    var isPublic: Bool
    var isFirstParty: Bool
    var idTokenAlgorithm: String
    var createdAt: String
    var clientSecret: String?

    init(_ client: OpenIDClient, secret: String? = nil) {
        clientID = client.id
        name = client.name
        redirectURIs = client.redirectURIs
        postLogoutRedirectURIs = client.postLogoutRedirectURIs
        isPublic = client.isPublic
        isFirstParty = client.isFirstParty
        idTokenAlgorithm = client.idTokenAlgorithm.rawValue
        createdAt = Timestamp.format(client.createdAt)
        clientSecret = secret
    }

    enum CodingKeys: String, CodingKey {
        case name
        case clientID = "client_id"
        case redirectURIs = "redirect_uris"
        case postLogoutRedirectURIs = "post_logout_redirect_uris"
        case isPublic = "public"
        case isFirstParty = "first_party"
        case idTokenAlgorithm = "id_token_signed_response_alg"
        case createdAt = "created_at"
        case clientSecret = "client_secret"
    }
}

/// `GET /api/v1/admin/clients`.
struct OpenIDClientsResponse: Encodable, Sendable {
    var clients: [OpenIDClientResponse]
}
