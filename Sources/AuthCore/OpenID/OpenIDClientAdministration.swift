import Crypto
import Foundation

/// A client just registered, or given a new secret: the secret is shown this once and stored
/// only as a hash.
public struct RegisteredClient: Hashable, Sendable {
    public var client: OpenIDClient
    /// The client secret; `nil` for a public client.
    public var secret: String?
}

/// One app a user let sign them in ("Connected apps" on the account page).
public struct ConnectedApp: Hashable, Sendable {
    public var clientID: String
    public var name: String
    public var scopes: [String]
    public var grantedAt: Date
}

/// Registers and removes OpenID clients (`authd clients`, the admin API and the dashboard), and
/// lists and disconnects a user's connected apps.
public struct OpenIDClientAdministration: Sendable {
    let clients: any OpenIDClientStore
    let grants: any OpenIDGrantStore
    let random: any RandomSource
    let clock: any WallClock

    /// Administers the clients of `clients` and the grants and consents of `grants` (what
    /// ``AuthService/openIDClients`` is; `authd clients` builds one over the database alone).
    public init(
        clients: any OpenIDClientStore, grants: any OpenIDGrantStore, random: any RandomSource = SystemRandomSource(),
        clock: any WallClock = SystemClock()
    ) {
        self.clients = clients
        self.grants = grants
        self.random = random
        self.clock = clock
    }

    /// What a new client is registered with.
    public struct Registration: Hashable, Sendable {
        public var name: String
        public var redirectURIs: [String]
        public var postLogoutRedirectURIs: [String]
        /// A public client (no secret; PKCE required).
        public var isPublic: Bool
        /// A first-party client (no consent page).
        public var isFirstParty: Bool
        public var idTokenAlgorithm: TokenAlgorithm

        public init(
            name: String, redirectURIs: [String], postLogoutRedirectURIs: [String] = [], isPublic: Bool = false,
            isFirstParty: Bool = false, idTokenAlgorithm: TokenAlgorithm = .rs256
        ) {
            self.name = name
            self.redirectURIs = redirectURIs
            self.postLogoutRedirectURIs = postLogoutRedirectURIs
            self.isPublic = isPublic
            self.isFirstParty = isFirstParty
            self.idTokenAlgorithm = idTokenAlgorithm
        }
    }

    /// Registers a client.
    /// - Throws: `invalid_request` for an empty or long name, no redirect URI, a URI that is not
    ///   absolute, has a fragment, or is plain `http` to a host other than the loopback, or an
    ///   ID token algorithm other than RS256, ES256 and EdDSA.
    public func add(_ registration: Registration) async throws -> RegisteredClient {
        let name = registration.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw AuthError.invalidRequest("the name must be 1 to 100 characters") }
        guard !registration.redirectURIs.isEmpty, registration.redirectURIs.count <= 20 else {
            throw AuthError.invalidRequest("register 1 to 20 redirect URIs")
        }
        for uri in registration.redirectURIs + registration.postLogoutRedirectURIs { try Self.check(uri) }
        guard registration.idTokenAlgorithm != .hs256 else {
            throw AuthError.invalidRequest("ID tokens are signed with RS256, ES256 or EdDSA")
        }
        let secret = registration.isPublic ? nil : Base64URL.encode(random.bytes(32))
        let client = OpenIDClient(
            id: "c" + Base64URL.encode(random.bytes(15)), name: name, secretHash: secret.map(Self.hash),
            redirectURIs: registration.redirectURIs, postLogoutRedirectURIs: registration.postLogoutRedirectURIs,
            isFirstParty: registration.isFirstParty, idTokenAlgorithm: registration.idTokenAlgorithm, createdAt: clock.now)
        try await clients.insert(client)
        return RegisteredClient(client: client, secret: secret)
    }

    /// Every client, oldest first.
    public func list() async throws -> [OpenIDClient] { try await clients.clients() }

    /// The client `id`, or `nil`.
    public func client(id: String) async throws -> OpenIDClient? { try await clients.client(id: id) }

    /// Removes the client `id`: its grants stop working at once.
    /// - Throws: `not_found` when there is no such client.
    public func remove(id: String) async throws {
        guard try await clients.remove(id: id) else { throw AuthError(.notFound, "no such client") }
    }

    /// Gives the confidential client `id` a new secret; the old one stops working at once.
    /// - Throws: `not_found` when there is no such client, or it is public.
    public func rotateSecret(of id: String) async throws -> RegisteredClient {
        let secret = Base64URL.encode(random.bytes(32))
        guard try await clients.replaceSecret(of: id, with: Self.hash(secret)), let client = try await clients.client(id: id) else {
            throw AuthError(.notFound, "no such confidential client")
        }
        return RegisteredClient(client: client, secret: secret)
    }

    /// The apps `user` consented to, most recent first (first-party apps ask no consent and are
    /// not listed).
    public func connectedApps(of user: UserID) async throws -> [ConnectedApp] {
        var apps: [ConnectedApp] = []
        for consent in try await grants.consents(of: user) {
            guard let client = try await clients.client(id: consent.clientID) else { continue }
            apps.append(ConnectedApp(clientID: client.id, name: client.name, scopes: consent.scopes, grantedAt: consent.grantedAt))
        }
        return apps
    }

    /// Disconnects an app: forgets the consent and revokes every grant `user` gave it.
    /// - Throws: `not_found` when the user had not connected it.
    public func disconnect(_ clientID: String, of user: UserID) async throws {
        // The grants first: should the second step fail, the app is still listed (its consent
        // stays) and disconnecting it again finishes the job.
        let revoked = try await grants.revokeGrants(of: user, to: clientID, at: clock.now)
        let forgotten = try await grants.removeConsent(of: user, to: clientID)
        guard forgotten || revoked > 0 else { throw AuthError(.notFound, "no such connected app") }
    }

    static func hash(_ secret: String) -> [UInt8] { Array(SHA256.hash(data: Array(secret.utf8))) }

    /// A redirect URI a client may register: absolute, no fragment, `https` (or `http` to the
    /// loopback, for development), or a private scheme of a native app (`com.example.app:/cb`).
    static func check(_ uri: String) throws {
        guard uri.utf8.count <= 1024, let url = URL(string: uri), let scheme = url.scheme?.lowercased(), url.fragment == nil,
              !uri.contains("#")
        else { throw AuthError.invalidRequest("\(uri.prefix(100)) is not an absolute URI without a fragment") }
        switch scheme {
        case "https":
            guard url.host?.isEmpty == false else { throw AuthError.invalidRequest("\(uri.prefix(100)) has no host") }
        case "http":
            guard ["localhost", "127.0.0.1", "[::1]", "::1"].contains(url.host ?? "") else {
                throw AuthError.invalidRequest("http redirect URIs are only for localhost; use https")
            }
        case "javascript", "data", "file", "vbscript":
            throw AuthError.invalidRequest("\(scheme) URIs cannot be redirect URIs")
        default:
            guard scheme.contains(".") else {
                throw AuthError.invalidRequest("a native app's scheme must be reverse-DNS, e.g. com.example.app")
            }
        }
    }
}
