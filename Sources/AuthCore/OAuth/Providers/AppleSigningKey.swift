import Crypto

/// The key a Sign in with Apple client signs its client secret with: a private key made in the
/// Apple Developer account ("Sign in with Apple" enabled), its key id, and the team that owns it
/// (`OAUTH_<NAME>_TEAM_ID`, `_KEY_ID`, `_PRIVATE_KEY_FILE`).
public struct AppleSigningKey: Hashable, Sendable {
    /// The Apple Developer team id (10 characters): the `iss` of the client secret.
    public var teamID: String
    /// The key's id (10 characters): the `kid` of the client secret's header.
    public var keyID: String
    /// The `.p8` file's text: a PKCS#8 PEM P-256 private key.
    /// - Important: a secret; never log it.
    public var privateKeyPEM: String

    /// Creates the value.
    public init(teamID: String, keyID: String, privateKeyPEM: String) {
        self.teamID = teamID
        self.keyID = keyID
        self.privateKeyPEM = privateKeyPEM
    }

    /// The parsed key.
    /// - Throws: `AuthError(.invalidRequest)` when the PEM is not a P-256 private key, or the ids
    ///   are empty or not printable ASCII (they become JWT fields).
    func privateKey() throws -> P256.Signing.PrivateKey {
        for id in [teamID, keyID] {
            guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C })
            else { throw AuthError.invalidRequest("Apple team id and key id must be short printable ids") }
        }
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM) else {
            throw AuthError.invalidRequest("the Apple private key is not a PEM (.p8) P-256 private key")
        }
        return key
    }
}
