import AuthCore
import HTTPTypes
import Hummingbird

/// `GET /me`: `{session: {…}, user: {…}}`.
struct MeResponse: Encodable, Sendable {
    var session: SessionBody
    var user: UserBody

    init(_ auth: Authenticated) {
        self.session = SessionBody(auth.session)
        self.user = UserBody(auth.user, mfaEnabled: auth.mfaEnabled)
    }

    /// The answer for `auth`, written by hand: the same bytes as `JSONBody.response(MeResponse(auth))`
    /// (sorted keys), without `JSONEncoder` or the intermediate strings, on the hottest route.
    static func response(_ auth: Authenticated) -> Response {
        let session = auth.session, user = auth.user, ip = session.client.ipText
        let body = JSONWriter.buffer { json in
            // Keys in sorted order, as the encoder writes them; the test compares the bytes.
            json.raw(#"{"session":{"aal":"#); json.integer(session.aal)
            json.raw(#","amr":"#); json.strings(session.amr)
            json.raw(#","client":"#); json.string(session.client.clientName)
            json.raw(#","created_at":"#); json.timestamp(session.createdAt)
            json.raw(#","expires_at":"#); json.timestamp(session.expiresAt)
            json.raw(#","id":"#); json.uuid(session.id.rawValue)
            json.raw(#","ip":"#); json.string(ip)
            json.raw(#","last_used_at":"#); json.timestamp(session.lastUsedAt)
            json.raw(#","parsed_location":"#); json.string(session.client.location)
            json.raw(#"},"user":{"email":"#); json.string(user.email.value)
            json.raw(#","id":"#); json.uuid(user.id.rawValue)
            json.raw(#","image_url":"#); json.string(user.imageURL)
            json.raw(#","is_email_verified":"#); json.bool(user.isEmailVerified)
            json.raw(#","mfa_enabled":"#); json.bool(auth.mfaEnabled)
            json.raw("}}")
        }
        var headers = HTTPFields()
        headers.reserveCapacity(4)  // and the request id and Cache-Control the middleware add
        headers.append(JSONBody.contentType)
        headers.append(HTTPField(name: .contentLength, value: String(body.readableBytes)))
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

/// The session part of `/me`.
struct SessionBody: Encodable, Sendable {
    var id: String
    var expiresAt: String
    var client: String
    var ip: String
    var parsedLocation: String
    var createdAt: String
    var lastUsedAt: String
    /// How the session signed in (`["pwd", "otp", "mfa"]`) and the assurance level reached.
    var amr: [String]
    var aal: Int

    enum CodingKeys: String, CodingKey {
        case id
        case expiresAt = "expires_at"
        case client, ip
        case parsedLocation = "parsed_location"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case amr, aal
    }

    init(_ session: Session) {
        self.id = session.id.description
        self.expiresAt = Timestamp.format(session.expiresAt)
        self.client = session.client.clientName
        self.ip = session.client.ipText
        self.parsedLocation = session.client.location
        self.createdAt = Timestamp.format(session.createdAt)
        self.lastUsedAt = Timestamp.format(session.lastUsedAt)
        self.amr = session.amr
        self.aal = session.aal
    }
}

/// The user part of `/me`. `image_url` is always present, `null` when unset.
struct UserBody: Encodable, Sendable {
    var id: String
    var email: String
    var isEmailVerified: Bool
    var imageURL: String?
    var mfaEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case id, email
        case isEmailVerified = "is_email_verified"
        case imageURL = "image_url"
        case mfaEnabled = "mfa_enabled"
    }

    init(_ user: User, mfaEnabled: Bool) {
        self.id = user.id.description
        self.email = user.email.value
        self.isEmailVerified = user.isEmailVerified
        self.imageURL = user.imageURL
        self.mfaEnabled = mfaEnabled
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(email, forKey: .email)
        try c.encode(isEmailVerified, forKey: .isEmailVerified)
        try c.encode(imageURL, forKey: .imageURL)  // explicit null, as the old service sent
        try c.encode(mfaEnabled, forKey: .mfaEnabled)
    }
}

/// One row of `GET /me/all`.
struct SessionRow: Encodable, Sendable {
    var primary: Bool
    var session: SessionBody

    init(_ summary: SessionSummary) {
        self.primary = summary.primary
        self.session = SessionBody(summary.session)
    }

    enum CodingKeys: String, CodingKey {
        case primary
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(primary, forKey: .primary)
        try session.encode(to: encoder)  // flattened: the session's fields sit beside `primary`
    }
}
