import Foundation

/// An app that signs its users in through authd with OpenID Connect (docs/oidc.md): a relying
/// party registered by the deployer.
public struct OpenIDClient: Hashable, Sendable {
    /// The `client_id`, public and unique.
    public var id: String
    /// The name people see on the consent page and under "Connected apps".
    public var name: String
    /// SHA-256 of the client secret; `nil` for a public client (a browser or mobile app, which
    /// proves itself with PKCE alone).
    public var secretHash: [UInt8]?
    /// The redirect URIs, each matched exactly.
    public var redirectURIs: [String]
    /// Where RP-initiated logout may send the browser afterwards, each matched exactly.
    public var postLogoutRedirectURIs: [String]
    /// A first-party app (the deployer's own) is not asked for consent.
    public var isFirstParty: Bool
    /// The algorithm its ID tokens are signed with: RS256 unless it registered ES256 or EdDSA.
    public var idTokenAlgorithm: TokenAlgorithm
    /// When it was registered.
    public var createdAt: Date

    /// Creates a client record.
    public init(
        id: String, name: String, secretHash: [UInt8]?, redirectURIs: [String], postLogoutRedirectURIs: [String] = [],
        isFirstParty: Bool = false, idTokenAlgorithm: TokenAlgorithm = .rs256, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.secretHash = secretHash
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.isFirstParty = isFirstParty
        self.idTokenAlgorithm = idTokenAlgorithm
        self.createdAt = createdAt
    }

    /// Whether it has no secret (`token_endpoint_auth_method` `none`; PKCE is required).
    public var isPublic: Bool { secretHash == nil }
}
