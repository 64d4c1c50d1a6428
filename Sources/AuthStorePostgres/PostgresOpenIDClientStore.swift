import AuthCore
import Foundation

/// An ``OpenIDClientStore`` over the `openid_clients` table. Removing a client deletes its grants
/// and consents with it (`ON DELETE CASCADE`).
public struct PostgresOpenIDClientStore: OpenIDClientStore {
    private let pool: PostgresConnectionPool

    /// Creates the store over `pool`.
    public init(pool: PostgresConnectionPool) { self.pool = pool }

    static let columns = """
        id, name, secret_hash, redirect_uris::text AS redirect_uris, \
        post_logout_redirect_uris::text AS post_logout_redirect_uris, first_party, id_token_alg, created_at
        """

    public func insert(_ client: OpenIDClient) async throws {
        try await pool.query("""
            INSERT INTO openid_clients (id, name, secret_hash, redirect_uris, post_logout_redirect_uris, first_party, \
            id_token_alg, created_at) VALUES (\(.text(client.id)), \(.text(client.name)), \(.bytea(client.secretHash)), \
            \(.stringList(client.redirectURIs)), \(.stringList(client.postLogoutRedirectURIs)), \
            \(.bool(client.isFirstParty)), \(.text(client.idTokenAlgorithm.rawValue)), \(.timestamp(client.createdAt)))
            """)
    }

    public func client(id: String) async throws -> OpenIDClient? {
        let query: PostgresQuery = "SELECT \(unsafeSQL: Self.columns) FROM openid_clients WHERE id = \(.text(id))"
        return try await pool.query(query.prepared(as: "openid_client")).rows.first.map(Self.decode)
    }

    public func clients() async throws -> [OpenIDClient] {
        try await pool.query("SELECT \(unsafeSQL: Self.columns) FROM openid_clients ORDER BY created_at, id")
            .rows.map(Self.decode)
    }

    public func remove(id: String) async throws -> Bool {
        try await pool.query("DELETE FROM openid_clients WHERE id = \(.text(id)) RETURNING id").rows.count == 1
    }

    public func replaceSecret(of id: String, with hash: [UInt8]) async throws -> Bool {
        // A public client stays public: it proves itself with PKCE, and a secret would not be kept.
        try await pool.query("""
            UPDATE openid_clients SET secret_hash = \(.bytea(hash)) \
            WHERE id = \(.text(id)) AND secret_hash IS NOT NULL RETURNING id
            """).rows.count == 1
    }

    static func decode(_ row: PostgresRow) throws -> OpenIDClient {
        guard let algorithm = TokenAlgorithm(rawValue: try row.string("id_token_alg")) else {
            throw AuthError(.internal, "an OpenID client row has an unknown ID token algorithm")
        }
        return OpenIDClient(
            id: try row.string("id"), name: try row.string("name"),
            secretHash: try row.isNull("secret_hash") ? nil : try row.bytes("secret_hash"),
            redirectURIs: try row.stringList("redirect_uris"),
            postLogoutRedirectURIs: try row.stringList("post_logout_redirect_uris"),
            isFirstParty: try row.bool("first_party"), idTokenAlgorithm: algorithm, createdAt: try row.date("created_at"))
    }
}
