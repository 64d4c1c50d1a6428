import Foundation

/// A registered WebAuthn credential of a user: its public key and what the relying party tracks
/// about it. Nothing here is secret.
public struct Passkey: Hashable, Sendable {
    /// The API's id for it.
    public var id: PasskeyID
    /// Its owner.
    public var userID: UserID
    /// The credential id the authenticator chose (unique across every user).
    public var credentialID: [UInt8]
    /// The credential's COSE_Key, as the authenticator encoded it.
    public var publicKey: [UInt8]
    /// The COSE algorithm (-7 ES256, -8 EdDSA, -257 RS256).
    public var algorithm: Int
    /// The last signature counter seen (0 for authenticators without one).
    public var signCount: UInt32
    /// Whether the credential may be synced between devices (the BE flag at registration).
    public var backupEligible: Bool
    /// Whether it was synced at its last use (the BS flag).
    public var backedUp: Bool
    /// Transport hints from registration (`internal`, `hybrid`, `usb`, `nfc`, `ble`).
    public var transports: [String]
    /// The authenticator model's AAGUID (all zero under `none` attestation from most platforms).
    public var aaguid: [UInt8]
    /// The user's label for it.
    public var name: String
    /// When it was registered.
    public var createdAt: Date
    /// When it last signed in or proved a second factor.
    public var lastUsedAt: Date?

    /// Creates a passkey.
    public init(
        id: PasskeyID = PasskeyID(), userID: UserID, credentialID: [UInt8], publicKey: [UInt8], algorithm: Int,
        signCount: UInt32 = 0, backupEligible: Bool = false, backedUp: Bool = false, transports: [String] = [],
        aaguid: [UInt8] = Array(repeating: 0, count: 16), name: String, createdAt: Date, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.credentialID = credentialID
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.signCount = signCount
        self.backupEligible = backupEligible
        self.backedUp = backedUp
        self.transports = transports
        self.aaguid = aaguid
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }

    /// The signature-counter rule: a counter that did not increase suggests a cloned
    /// authenticator and is refused, except when both the stored and the received counter are 0
    /// (an authenticator without a counter) or the credential is backup eligible (synced
    /// passkeys share one key between devices and report 0 or unrelated counters). Eligibility is
    /// the stored one, from registration: an assertion cannot claim it.
    public func acceptsSignCount(_ received: UInt32) -> Bool {
        if received > signCount { return true }
        if received == 0 && signCount == 0 { return true }
        return backupEligible
    }
}
