/// A new credential as `PublicKeyCredential.toJSON()` gives it after
/// `navigator.credentials.create()` (WebAuthn Level 3 `RegistrationResponseJSON`): binary
/// members are base64url strings.
public struct RegistrationResponseJSON: Codable, Hashable, Sendable {
    /// The attestation response.
    public struct Response: Codable, Hashable, Sendable {
        /// The client data of the ceremony, base64url.
        public var clientDataJSON: String
        /// The CBOR attestation object (`fmt`, `attStmt`, `authData`), base64url.
        public var attestationObject: String
        /// Transport hints (`internal`, `hybrid`, `usb`, …), stored and offered back.
        public var transports: [String]?

        /// Creates the member.
        public init(clientDataJSON: String, attestationObject: String, transports: [String]? = nil) {
            self.clientDataJSON = clientDataJSON
            self.attestationObject = attestationObject
            self.transports = transports
        }
    }

    /// The credential id, base64url.
    public var id: String
    /// The same id (browsers send both).
    public var rawId: String
    /// `public-key`.
    public var type: String
    /// The attestation.
    public var response: Response
    /// `platform` or `cross-platform`, when the browser says.
    public var authenticatorAttachment: String?

    /// Creates a response.
    public init(id: String, rawId: String, type: String = "public-key", response: Response, authenticatorAttachment: String? = nil) {
        self.id = id
        self.rawId = rawId
        self.type = type
        self.response = response
        self.authenticatorAttachment = authenticatorAttachment
    }
}
