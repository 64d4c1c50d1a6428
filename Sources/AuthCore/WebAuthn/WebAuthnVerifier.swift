import AuthWebAuthn
import Crypto
import Foundation

/// The relying party's checks of WebAuthn Level 3, sections 7.1 (registration) and 7.2
/// (authentication), for one configured RP ID and set of origins. Pure: no store, no clock.
struct WebAuthnVerifier: Sendable {
    let configuration: WebAuthnConfiguration

    /// What a verified registration yields.
    struct Registration: Sendable {
        var credentialID: [UInt8]
        var publicKey: [UInt8]
        var algorithm: COSEKey.Algorithm
        var signCount: UInt32
        var flags: AuthenticatorData.Flags
        var aaguid: [UInt8]
        var transports: [String]
    }

    /// What a verified assertion yields.
    struct Assertion: Sendable {
        var signCount: UInt32
        var flags: AuthenticatorData.Flags
    }

    /// Checks a registration response against `challenge`.
    ///
    /// Attestation: the statement is not verified, whatever its format (`none` policy: the
    /// relying party does not restrict authenticator models), so every format is accepted as
    /// `none`. Only the authenticator data inside the attestation object counts.
    /// - Throws: ``WebAuthnFailure``.
    func verifyRegistration(
        _ response: RegistrationResponseJSON, challenge: String, requireUserVerification: Bool
    ) throws(WebAuthnFailure) -> Registration {
        guard response.type == "public-key", let rawID = Base64URL.decode(response.rawId) else { throw .malformed }
        guard let clientDataBytes = Base64URL.decode(response.response.clientDataJSON),
              let attestationBytes = Base64URL.decode(response.response.attestationObject)
        else { throw .malformed }
        let clientData = try CollectedClientData.parse(clientDataBytes)
        try check(clientData, type: "webauthn.create", challenge: challenge)
        let attestation: CBORValue
        do { attestation = try CBORDecoder().decode(attestationBytes) } catch { throw .malformed }
        guard attestation[text: "fmt"]?.text != nil, attestation[text: "attStmt"]?.mapEntries != nil,
              let authDataBytes = attestation[text: "authData"]?.bytes
        else { throw .malformed }
        let authData = try AuthenticatorData(authDataBytes)
        try check(authData, requireUserVerification: requireUserVerification)
        guard let credential = authData.attestedCredential, credential.credentialID == rawID else {
            throw .attestedCredential
        }
        let key = try COSEKey(bytes: credential.publicKey)
        return Registration(
            credentialID: credential.credentialID, publicKey: credential.publicKey, algorithm: key.algorithm,
            signCount: authData.signCount, flags: authData.flags, aaguid: credential.aaguid,
            // Hints only; kept when they look like the registry's names (`usb`, `hybrid`, …).
            transports: (response.response.transports ?? []).filter { name in
                (1...32).contains(name.utf8.count) && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D }
            }.prefix(8).map { $0 })
    }

    /// Checks an assertion against `challenge` and the stored `passkey` (its key; the signature
    /// counter is the caller's, see ``Passkey/acceptsSignCount(_:)``).
    /// - Throws: ``WebAuthnFailure``.
    func verifyAssertion(
        _ response: AuthenticationResponseJSON, challenge: String, passkey: Passkey, requireUserVerification: Bool
    ) throws(WebAuthnFailure) -> Assertion {
        guard response.type == "public-key" else { throw .malformed }
        guard let clientDataBytes = Base64URL.decode(response.response.clientDataJSON),
              let authDataBytes = Base64URL.decode(response.response.authenticatorData),
              let signature = Base64URL.decode(response.response.signature)
        else { throw .malformed }
        let clientData = try CollectedClientData.parse(clientDataBytes)
        try check(clientData, type: "webauthn.get", challenge: challenge)
        let authData = try AuthenticatorData(authDataBytes)
        try check(authData, requireUserVerification: requireUserVerification)
        let key = try COSEKey(bytes: passkey.publicKey)
        // The signature covers the authenticator data and the hash of the client data.
        guard key.isValidSignature(signature, for: authDataBytes + Array(SHA256.hash(data: clientDataBytes))) else {
            throw .signature
        }
        return Assertion(signCount: authData.signCount, flags: authData.flags)
    }

    private func check(_ clientData: CollectedClientData, type: String, challenge: String) throws(WebAuthnFailure) {
        guard clientData.type == type else { throw .clientDataType }
        guard ConstantTime.equals(Array(clientData.challenge.utf8), Array(challenge.utf8)) else { throw .challenge }
        // A credential used inside a cross-origin iframe is not offered here.
        guard configuration.allows(origin: clientData.origin), clientData.crossOrigin != true, clientData.topOrigin == nil
        else { throw .origin }
    }

    private func check(_ authData: AuthenticatorData, requireUserVerification: Bool) throws(WebAuthnFailure) {
        guard ConstantTime.equals(authData.rpIDHash, Array(SHA256.hash(data: Array(configuration.relyingPartyID.utf8)))) else {
            throw .relyingParty
        }
        guard authData.flags.contains(.userPresent) else { throw .userPresence }
        guard !requireUserVerification || authData.flags.contains(.userVerified) else { throw .userVerification }
    }
}
