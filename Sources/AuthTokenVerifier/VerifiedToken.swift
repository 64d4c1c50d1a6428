import JWTKit

/// The claims of an authd session token that verified: the identity a verified request carries.
public struct VerifiedToken: Sendable, Hashable {
    /// The user id.
    public var subject: String
    /// The session id.
    public var sessionID: String
    /// Expiry, seconds since 1970.
    public var expiresAt: Int
    /// Issue time, seconds since 1970.
    public var issuedAt: Int
    /// When the user last proved who they are (a sign-in), seconds since 1970: the token's
    /// `auth_time`, or its issue time for a token that has none.
    public var authenticatedAt: Int
    /// The assurance level (1, or 2 after a second factor).
    public var aal: Int
    /// How the session signed in, e.g. `["pwd", "otp", "mfa"]`.
    public var amr: [String]
    /// For an access token authd gave an OpenID client (docs/oidc.md): that client's id; `nil`
    /// for a session token.
    public var clientID: String?
    /// For an OpenID client's access token: the scopes it was granted.
    public var scopes: [String] = []

    /// Creates the claims of a verified token.
    public init(
        subject: String, sessionID: String, expiresAt: Int, issuedAt: Int, authenticatedAt: Int? = nil, aal: Int = 1,
        amr: [String] = []
    ) {
        self.subject = subject
        self.sessionID = sessionID
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.authenticatedAt = authenticatedAt ?? issuedAt
        self.aal = aal
        self.amr = amr
    }
}

/// The payload authd signs: `sub`, `sid`, `iat`, `exp`, `amr`, `aal`, and `auth_time` when the
/// token says when its sign-in happened. Also what introspection answers for an active token.
struct SessionClaims: JWTPayload {
    var sub: String
    var sid: String
    var iat: Int
    var exp: Int
    var amr: [String]?
    var aal: Int?
    var auth_time: Int?
    /// An OpenID client's access token carries its client, audience and scopes.
    var client_id: String?
    var aud: String?
    var scope: String?

    /// Whether it is an ID token (an audience but no `client_id`): proof of a sign-in for one app,
    /// never a bearer credential, so it is refused.
    var isIDToken: Bool { aud != nil && client_id == nil }

    /// Expiry is checked by the verifier against its clock.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    var verified: VerifiedToken {
        var token = VerifiedToken(
            subject: sub, sessionID: sid, expiresAt: exp, issuedAt: iat, authenticatedAt: auth_time, aal: aal ?? 1,
            amr: amr ?? [])
        token.clientID = client_id
        token.scopes = scope.map { $0.split(separator: " ").map(String.init) } ?? []
        return token
    }
}
