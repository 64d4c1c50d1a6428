/// The authenticator data of a WebAuthn response (Level 3, section 6.1): RP ID hash, flags,
/// signature counter, and at registration the attested credential data.
package struct AuthenticatorData: Sendable {
    /// The flags byte.
    package struct Flags: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        /// User present.
        package static let userPresent = Flags(rawValue: 1 << 0)
        /// User verified (PIN, biometrics).
        package static let userVerified = Flags(rawValue: 1 << 2)
        /// Backup eligible: the credential may be synced (a multi-device passkey).
        package static let backupEligible = Flags(rawValue: 1 << 3)
        /// Backed up: the credential is synced now.
        package static let backedUp = Flags(rawValue: 1 << 4)
        /// Attested credential data follows the counter.
        package static let attestedCredentialData = Flags(rawValue: 1 << 6)
        /// Extension data follows.
        package static let extensionData = Flags(rawValue: 1 << 7)
    }

    /// The attested credential data of a registration.
    package struct AttestedCredential: Sendable {
        package var aaguid: [UInt8]
        package var credentialID: [UInt8]
        /// The COSE_Key bytes as the authenticator encoded them (stored as they are).
        package var publicKey: [UInt8]
    }

    /// Longest credential id accepted (WebAuthn section 5.8.3).
    package static let maximumCredentialIDLength = 1023

    package var rpIDHash: [UInt8]
    package var flags: Flags
    package var signCount: UInt32
    package var attestedCredential: AttestedCredential?

    /// Parses `bytes`.
    /// - Throws: ``WebAuthnFailure/malformed`` for short, inconsistent or trailing data.
    package init(_ bytes: [UInt8]) throws(WebAuthnFailure) {
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
