import Foundation

/// What one authorization code exchange gave an OpenID client: its access tokens, its ID token
/// and (with `offline_access`) a refresh token, all hanging off the authd session the user signed
/// in with. Ending that session (sign-out, an admin revoke, a ban) ends the grant; revoking the
/// grant (RFC 7009, a code used twice, a refresh token reused) ends only it.
public struct OpenIDGrant: Hashable, Sendable {
    public var id: OpenIDGrantID
    /// The client's `client_id`.
    public var clientID: String
    public var userID: UserID
    /// The authd session the user signed in with.
    public var sessionID: SessionID
    /// The scopes granted, e.g. `["openid", "email", "offline_access"]`.
    public var scopes: [String]
    public var createdAt: Date
    /// When it was revoked; `nil` while it lives.
    public var revokedAt: Date?
    /// Its refresh token's rotation; `nil` when it has none (no `offline_access`). Its
    /// `sessionID` is the grant's ``sessionID`` (a store may keep it once, and read it back so).
    public var refresh: RefreshTokenState?

    /// Creates a grant record.
    public init(
        id: OpenIDGrantID = OpenIDGrantID(), clientID: String, userID: UserID, sessionID: SessionID, scopes: [String],
        createdAt: Date, revokedAt: Date? = nil, refresh: RefreshTokenState? = nil
    ) {
        self.id = id
        self.clientID = clientID
        self.userID = userID
        self.sessionID = sessionID
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.refresh = refresh
    }
}

/// A user's remembered consent to a third-party client: the scopes it may have without asking
/// again. Shown on the account page under "Connected apps", where removing it also revokes the
/// client's grants.
public struct OpenIDConsent: Hashable, Sendable {
    public var userID: UserID
    public var clientID: String
    /// The scopes consented to, sorted.
    public var scopes: [String]
    /// When consent was last given.
    public var grantedAt: Date

    /// Creates a consent record.
    public init(userID: UserID, clientID: String, scopes: [String], grantedAt: Date) {
        self.userID = userID
        self.clientID = clientID
        self.scopes = scopes
        self.grantedAt = grantedAt
    }
}
