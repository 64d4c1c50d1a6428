/// The authenticator data of a WebAuthn response (Level 3, section 6.1): RP ID hash, flags,
/// signature counter, and at registration the attested credential data.
struct AuthenticatorData: Sendable {
    /// The flags byte.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// User present.
        static let userPresent = Flags(rawValue: 1 << 0)
        /// User verified (PIN, biometrics).
        static let userVerified = Flags(rawValue: 1 << 2)
        /// Backup eligible: the credential may be synced (a multi-device passkey).
        static let backupEligible = Flags(rawValue: 1 << 3)
        /// Backed up: the credential is synced now.
        static let backedUp = Flags(rawValue: 1 << 4)
        /// Attested credential data follows the counter.
        static let attestedCredentialData = Flags(rawValue: 1 << 6)
        /// Extension data follows.
        static let extensionData = Flags(rawValue: 1 << 7)
    }

    /// The attested credential data of a registration.
    struct AttestedCredential: Sendable {
        var aaguid: [UInt8]
        var credentialID: [UInt8]
        /// The COSE_Key bytes as the authenticator encoded them (stored as they are).
        var publicKey: [UInt8]
    }

    /// Longest credential id accepted (WebAuthn section 5.8.3).
    static let maximumCredentialIDLength = 1023

    var rpIDHash: [UInt8]
    var flags: Flags
    var signCount: UInt32
    var attestedCredential: AttestedCredential?

    /// Parses `bytes`.
    /// - Throws: ``WebAuthnFailure/malformed`` for short, inconsistent or trailing data.
    init(_ bytes: [UInt8]) throws(WebAuthnFailure) {
        guard bytes.count >= 37 else { throw .malformed }
        rpIDHash = Array(bytes[0..<32])
        flags = Flags(rawValue: bytes[32])
        signCount = bytes[33..<37].reduce(0) { $0 << 8 | UInt32($1) }
        // Backed up without backup eligibility is an invalid combination (section 6.1.3).
        guard !flags.contains(.backedUp) || flags.contains(.backupEligible) else { throw .malformed }
        var rest = Array(bytes[37...])
        if flags.contains(.attestedCredentialData) {
            guard rest.count >= 18 else { throw .malformed }
            let aaguid = Array(rest[0..<16])
            let length = Int(rest[16]) << 8 | Int(rest[17])
            guard length > 0, length <= Self.maximumCredentialIDLength, rest.count >= 18 + length else { throw .malformed }
            let credentialID = Array(rest[18..<18 + length])
            rest = Array(rest[(18 + length)...])
            let used: Int
            do { (_, used) = try CBORDecoder().decodePrefix(rest) } catch { throw .malformed }
            attestedCredential = AttestedCredential(aaguid: aaguid, credentialID: credentialID, publicKey: Array(rest[..<used]))
            rest = Array(rest[used...])
        }
        if flags.contains(.extensionData) {
            // Extension outputs are not used; they must still be one well-formed map.
            let extensions: CBORValue
            do { extensions = try CBORDecoder().decode(rest) } catch { throw .malformed }
            guard extensions.mapEntries != nil else { throw .malformed }
            rest = []
        }
        guard rest.isEmpty else { throw .malformed }
    }
}
