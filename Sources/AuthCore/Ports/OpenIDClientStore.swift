import Foundation

/// The registered OpenID clients (docs/oidc.md), shared by every instance.
public protocol OpenIDClientStore: Sendable {
    /// Registers `client`.
    /// - Throws: `conflict` when its id is taken.
    func insert(_ client: OpenIDClient) async throws
    /// The client `id`, or `nil`.
    func client(id: String) async throws -> OpenIDClient?
    /// Every client, oldest first.
    func clients() async throws -> [OpenIDClient]
    /// Removes the client `id`; `false` when there is none. Its grants stop working at once, since
    /// every use of a grant looks its client up (a store may delete them with it).
    func remove(id: String) async throws -> Bool
    /// Replaces the secret hash of the confidential client `id`; `false` when there is no such
    /// client or it is public.
    func replaceSecret(of id: String, with hash: [UInt8]) async throws -> Bool
}
