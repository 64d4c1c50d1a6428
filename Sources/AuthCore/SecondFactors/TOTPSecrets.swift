/// Seals and opens authenticator secrets: AES-GCM under the configured encryption key, each
/// bound to its authenticator and user, so a sealed secret moved to another row does not open.
public struct TOTPSecrets: Sendable {
    private let box: SecretBox

    /// The secrets' key, derived from `encryptionKey` (at least 32 bytes) under its own label.
    public init(encryptionKey: [UInt8]) throws {
        box = try SecretBox(secret: encryptionKey, purpose: "swift-auth totp secrets v1")
    }

    /// `secret` sealed for authenticator `id` of `userID`.
    func seal(_ secret: [UInt8], id: AuthenticatorID, userID: UserID) throws -> [UInt8] {
        try box.seal(secret, boundTo: Self.binding(id, userID))
    }

    /// The secret of `authenticator`.
    /// - Throws: `AuthError(.internal)` under another key, or when the row was tampered with.
    public func open(_ authenticator: TOTPAuthenticator) throws -> [UInt8] {
        try box.open(authenticator.sealedSecret, boundTo: Self.binding(authenticator.id, authenticator.userID))
    }

    private static func binding(_ id: AuthenticatorID, _ userID: UserID) -> String { "totp\u{0}\(userID)\u{0}\(id)" }
}
