/// An assertion as `PublicKeyCredential.toJSON()` gives it after `navigator.credentials.get()`
/// (WebAuthn Level 3 `AuthenticationResponseJSON`): binary members are base64url strings.
public struct AuthenticationResponseJSON: Codable, Hashable, Sendable {
    /// The assertion response.
    public struct Response: Codable, Hashable, Sendable {
        /// The client data the signature covers, base64url.
        public var clientDataJSON: String
        /// The authenticator data (RP ID hash, flags, counter), base64url.
        public var authenticatorData: String
        /// The signature over the authenticator data and the client data's hash, base64url.
        public var signature: String
        /// The account's user handle; present for discoverable credentials.
        public var userHandle: String?

        /// Creates the member.
        public init(clientDataJSON: String, authenticatorData: String, signature: String, userHandle: String? = nil) {
            self.clientDataJSON = clientDataJSON
            self.authenticatorData = authenticatorData
            self.signature = signature
            self.userHandle = userHandle
        }
    }

    /// The credential id, base64url.
    public var id: String
    /// The same id (browsers send both).
    public var rawId: String
    /// `public-key`.
    public var type: String
    /// The assertion.
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
