/// RFC 7662 section 2.2. `client_id` is left out: it names the client a token was issued to, and
/// authd's tokens are issued to users, not OAuth clients.
/// `POST /introspect`'s answer; inactive tokens carry only `active`.
struct IntrospectionResponse: Encodable, Sendable {
    var active: Bool
    var sub: String?
    var sid: String?
    var exp: Int?
    var iat: Int?
    var aal: Int?
    var amr: [String]?
    var tokenType: String?
    /// For an OpenID client's access token: the client, its audience and its scopes.
    var clientID: String?
    var aud: String?
    var scope: String?

    init(
        active: Bool, sub: String? = nil, sid: String? = nil, exp: Int? = nil, iat: Int? = nil, aal: Int? = nil,
        amr: [String]? = nil
    ) {
        self.active = active
        self.sub = sub
        self.sid = sid
        self.exp = exp
        self.iat = iat
        self.aal = aal
        self.amr = amr
        self.tokenType = active ? "Bearer" : nil
    }

    enum CodingKeys: String, CodingKey {
        case active, sub, sid, exp, iat, aal, amr
        case tokenType = "token_type"
        case clientID = "client_id"
        case aud, scope
    }
}
