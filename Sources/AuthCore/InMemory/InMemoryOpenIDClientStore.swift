import Foundation

/// An ``OpenIDClientStore`` in memory (clients registered in process do not survive a restart).
public actor InMemoryOpenIDClientStore: OpenIDClientStore {
    private var clientsByID: [String: OpenIDClient] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ client: OpenIDClient) throws {
        guard clientsByID[client.id] == nil else { throw AuthError(.conflict, "the client id is taken") }
        clientsByID[client.id] = client
    }

    public func client(id: String) -> OpenIDClient? { clientsByID[id] }

    public func clients() -> [OpenIDClient] {
        clientsByID.values.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    public func remove(id: String) -> Bool { clientsByID.removeValue(forKey: id) != nil }

    public func replaceSecret(of id: String, with hash: [UInt8]) -> Bool {
        guard var client = clientsByID[id], !client.isPublic else { return false }
        client.secretHash = hash
        clientsByID[id] = client
        return true
    }
}
