import AuthCore
import Foundation

/// A service allowed to call `POST /introspect` (`INTROSPECTION_CLIENTS`), by HTTP Basic.
public struct IntrospectionClient: Sendable, Hashable, CustomStringConvertible {
    /// The client id.
    public var id: String
    /// Its secret, compared in constant time.
    public var secret: String

    /// The id only: the secret never reaches a log.
    public var description: String { "IntrospectionClient(\(id))" }

    /// Creates a client.
    public init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Parses `id:secret,id2:secret2`.
    /// - Throws: `AuthError(.invalidRequest)` for an empty id, a secret under 16 characters, or a
    ///   repeated id.
    public static func parse(_ text: String) throws -> [IntrospectionClient] {
        var clients: [IntrospectionClient] = []
        for entry in text.split(separator: ",") {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 16 else {
                throw AuthError.invalidRequest("each introspection client is id:secret with a secret of at least 16 characters")
            }
            guard !clients.contains(where: { $0.id == parts[0] }) else {
                throw AuthError.invalidRequest("introspection client \(parts[0]) is listed twice")
            }
            clients.append(IntrospectionClient(id: parts[0], secret: parts[1]))
        }
        return clients
    }

    /// The client whose HTTP Basic credentials `authorization` carries, or `nil`.
    static func authenticated(_ authorization: String?, among clients: [IntrospectionClient]) -> IntrospectionClient? {
        guard let (id, secret) = basicCredentials(authorization) else { return nil }
        var match: IntrospectionClient?
        for client in clients where client.id == id {
            if ConstantTime.equals(Array(client.secret.utf8), Array(secret.utf8)) { match = client }
        }
        return match
    }

    /// The id and secret of an HTTP Basic `Authorization` header, or `nil` when it is not one.
    static func basicCredentials(_ authorization: String?) -> (id: String, secret: String)? {
        guard let authorization, authorization.utf8.count <= 1024,
              authorization.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: decoded, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return nil }
        // RFC 6749 section 2.3.1: id and secret are form-urlencoded inside Basic.
        let id = parts[0].removingPercentEncoding ?? parts[0]
        let secret = parts[1].removingPercentEncoding ?? parts[1]
        return (id, secret)
    }
}
