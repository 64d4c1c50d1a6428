import AuthCore
import Crypto
import Foundation

/// A software WebAuthn authenticator with one P-256 (ES256) credential, for tests: it answers
/// creation and request options the way a browser's `toJSON()` would, and every knob that a
/// relying party must refuse can be turned.
///
/// ```swift
/// var authenticator = TestAuthenticator()
/// let created = authenticator.register(options)                  // RegistrationResponseJSON
/// let asserted = authenticator.assert(requestOptions)            // AuthenticationResponseJSON
/// authenticator.knobs.origin = "https://evil.example"            // the next response lies
/// ```
public struct TestAuthenticator: Sendable {
    /// What the next responses carry; the defaults are an honest authenticator in a browser at
    /// `http://localhost:8080`.
    public struct Knobs: Sendable {
        /// `clientDataJSON.origin`.
        public var origin = "http://localhost:8080"
        /// The RP ID whose hash goes into the authenticator data; `nil`: the options' RP ID.
        public var rpID: String?
        /// `clientDataJSON.type`; `nil`: the ceremony's own.
        public var type: String?
        /// `clientDataJSON.challenge`; `nil`: the options' challenge.
        public var challenge: String?
        /// `clientDataJSON.crossOrigin`.
        public var crossOrigin = false
        /// The UP flag.
        public var userPresent = true
        /// The UV flag.
        public var userVerified = true
        /// The BE flag (a synced passkey).
        public var backupEligible = false
        /// The BS flag.
        public var backedUp = false
        /// The COSE algorithm written into the credential's key (a disallowed one: `-36`).
        public var algorithm = -7
        /// The user handle an assertion carries; `nil`: the one given at registration. Set to
        /// `.some(nil)` to send none.
        public var userHandle: [UInt8]??
        /// The attestation format registration reports (`none`; e.g. `packed` with a statement).
        public var attestationFormat = "none"
        /// The attestation statement registration reports (empty for `none`).
        public var attestationStatement = TestCBOR.map([])
        /// Flips a bit of the assertion signature.
        public var corruptSignature = false
        /// Creates honest knobs.
        public init() {}
    }

    private let key: P256.Signing.PrivateKey
    /// The credential id.
    public let credentialID: [UInt8]
    /// The counter: registration reports it as it is; each assertion first adds one (when
    /// `counts`) and reports the result.
    public var signCount: UInt32
    /// Whether the counter moves (`false`: always reports `signCount`, as synced passkeys report 0).
    public var counts = true
    /// The user handle the last registration stored.
    public private(set) var userHandle: [UInt8]?
    public var knobs = Knobs()

    /// A new authenticator with a fresh key and a random 16-byte credential id.
    /// - Parameter signCount: the counter of the first response.
    public init(signCount: UInt32 = 0, credentialID: [UInt8]? = nil) {
        key = P256.Signing.PrivateKey()
        self.credentialID = credentialID ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        self.signCount = signCount
    }

    /// The credential id in base64url, as responses carry it.
    public var credentialIDText: String { TestBase64URL.encode(credentialID) }

    /// Answers creation options like `navigator.credentials.create()` then `toJSON()`.
    public mutating func register(_ options: PublicKeyCredentialCreationOptionsJSON) -> RegistrationResponseJSON {
        userHandle = TestBase64URL.decode(options.user.id)
        let raw = x963Coordinates
        let coseKey = TestCBOR.map([
            (.int(1), .int(2)), (.int(3), .int(knobs.algorithm)), (.int(-1), .int(1)),
            (.int(-2), .bytes(raw.x)), (.int(-3), .bytes(raw.y)),
        ]).encoded
        let attested = Array(repeating: 0, count: 16) + [UInt8(credentialID.count >> 8), UInt8(credentialID.count & 0xFF)]
            + credentialID + coseKey
        let authData = authenticatorData(rpID: options.rp.id, attested: attested)
        let attestation = TestCBOR.map([
            (.text("fmt"), .text(knobs.attestationFormat)), (.text("attStmt"), knobs.attestationStatement),
            (.text("authData"), .bytes(authData)),
        ]).encoded
        return RegistrationResponseJSON(
            id: credentialIDText, rawId: credentialIDText,
            response: .init(
                clientDataJSON: clientData(type: "webauthn.create", challenge: options.challenge),
                attestationObject: TestBase64URL.encode(attestation), transports: ["internal", "hybrid"]),
            authenticatorAttachment: "platform")
    }

    /// Answers request options like `navigator.credentials.get()` then `toJSON()`.
    public mutating func assert(_ options: PublicKeyCredentialRequestOptionsJSON) -> AuthenticationResponseJSON {
        if counts { signCount += 1 }
        let authData = authenticatorData(rpID: options.rpId, attested: nil)
        let clientDataText = clientData(type: "webauthn.get", challenge: options.challenge)
        let clientDataBytes = TestBase64URL.decode(clientDataText) ?? []
        var signature = Array((try? key.signature(for: authData + Array(SHA256.hash(data: clientDataBytes))))?.derRepresentation ?? Data())
        if knobs.corruptSignature, !signature.isEmpty { signature[signature.count - 1] ^= 0x01 }
        let handle = knobs.userHandle ?? userHandle
        return AuthenticationResponseJSON(
            id: credentialIDText, rawId: credentialIDText,
            response: .init(
                clientDataJSON: clientDataText, authenticatorData: TestBase64URL.encode(authData),
                signature: TestBase64URL.encode(signature), userHandle: handle.map { TestBase64URL.encode($0) }),
            authenticatorAttachment: "platform")
    }

    private var x963Coordinates: (x: [UInt8], y: [UInt8]) {
        let point = Array(key.publicKey.x963Representation)
        return (Array(point[1..<33]), Array(point[33..<65]))
    }

    private func authenticatorData(rpID: String, attested: [UInt8]?) -> [UInt8] {
        var flags: UInt8 = 0
        if knobs.userPresent { flags |= 1 }
        if knobs.userVerified { flags |= 1 << 2 }
        if knobs.backupEligible { flags |= 1 << 3 }
        if knobs.backedUp { flags |= 1 << 4 }
        if attested != nil { flags |= 1 << 6 }
        let hash = Array(SHA256.hash(data: Array((knobs.rpID ?? rpID).utf8)))
        return hash + [flags] + TestCBOR.bigEndian(UInt64(signCount), 4) + (attested ?? [])
    }

    private func clientData(type: String, challenge: String) -> String {
        let object: [String: Any] = [
            "type": knobs.type ?? type, "challenge": knobs.challenge ?? challenge, "origin": knobs.origin,
            "crossOrigin": knobs.crossOrigin,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return TestBase64URL.encode(data)
    }
}
