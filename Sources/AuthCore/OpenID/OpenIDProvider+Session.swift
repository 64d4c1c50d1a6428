import Foundation

/// What `/oauth2/userinfo` tells a client about its user, by the scopes it was granted.
public struct UserInfo: Hashable, Sendable {
    public var sub: String
    /// With `email`.
    public var email: String?
    public var emailVerified: Bool?
    /// With `profile`: the email address, authd's only user name.
    public var preferredUsername: String?
    /// With `profile`: when the profile last changed, in seconds since 1970.
    public var updatedAt: Int?
}

/// What `/oauth2/logout` does next with the browser.
public enum LogoutOutcome: Hashable, Sendable {
    /// Signed out: send the browser back to the client's registered post-logout URI.
    case redirect(String)
    /// Signed out: show that, with no redirect.
    case signedOut
    /// No valid `id_token_hint`: ask the user first (a form that posts `confirm`).
    case confirm(clientName: String?)
}

extension OpenIDProvider {
    /// The claims `accessToken` may see (`GET`/`POST /oauth2/userinfo`).
    /// - Throws: `unauthorized` when the token is not a live client access token.
    public func userInfo(accessToken: String) async throws -> UserInfo {
        let (claims, _, user) = try await live(accessToken)
        let scopes = Set(claims.scope.split(separator: " ").map(String.init))
        var info = UserInfo(sub: user.id.description)
        if scopes.contains(OpenIDScope.email) {
            info.email = user.email.value
            info.emailVerified = user.isEmailVerified
        }
        if scopes.contains(OpenIDScope.profile) {
            info.preferredUsername = user.email.value
            info.updatedAt = Int(user.updatedAt.timeIntervalSince1970)
        }
        return info
    }

    /// Introspection of a client access token (RFC 7662): its claims, or `nil` unless it is live
    /// (signature, expiry, its grant, its client, its session and its user).
    public func introspect(accessToken: String) async throws -> ClientAccessToken? {
        do {
            return try await live(accessToken).claims
        } catch let error as AuthError where error.code == .unauthorized {
            return nil
        }
    }

    /// Revokes the grant behind `token`, a refresh token or an access token of `client` (RFC 7009):
    /// its refresh token fails and its access tokens are inactive from now on. A token that is
    /// not the client's, or not ours, is ignored, as the RFC asks.
    public func revoke(token: String, client: OpenIDClient) async throws {
        if let parsed = minter.parse(token) {
            let id = OpenIDGrantID(parsed.id)
            if let grant = try await grants.grant(id: id), grant.clientID == client.id {
                _ = try await grants.revoke(id, at: clock.now)
            }
            return
        }
        guard let claims = try? await tokens.verify(clientToken: token), claims.clientID == client.id,
              let id = OpenIDGrantID(uuidString: claims.gid)
        else { return }
        _ = try await grants.revoke(id, at: clock.now)
    }

    /// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0).
    /// - Parameters:
    ///   - parameters: `id_token_hint`, `post_logout_redirect_uri`, `state`, `client_id`.
    ///   - browser: the authd session of the browser's cookie, if any.
    ///   - confirmed: the user answered the confirmation page (a same-site form, CSRF-checked).
    public func logout(parameters: [String: String], browser: Authenticated?, confirmed: Bool) async throws -> LogoutOutcome {
        var hint: IDTokenClaims?
        if let text = parameters["id_token_hint"] { hint = try await idTokenClaims(text) }
        // The hint names the client; a `client_id` that contradicts it names none.
        var client: OpenIDClient?
        if let id = hint?.aud ?? parameters["client_id"], hint == nil || parameters["client_id"].map({ $0 == id }) ?? true {
            client = try await clients.client(id: id)
        }
        guard hint != nil || confirmed else { return .confirm(clientName: client?.name) }
        if let hint, let userID = UserID(uuidString: hint.sub), let sessionID = SessionID(uuidString: hint.sid),
           let ended = try? await authenticate.authenticated(userID: userID, sessionID: sessionID) {
            try await logout.current(ended)
        }
        // The browser's own session ends too when it is the hint's user's (or the user confirmed
        // here): somebody else's ID token must not sign this browser out.
        if let browser, browser.session.id.description != hint?.sid, confirmed || browser.user.id.description == hint?.sub {
            try await logout.current(browser)
        }
        guard let target = parameters["post_logout_redirect_uri"], let client,
              client.postLogoutRedirectURIs.contains(target)
        else { return .signedOut }
        return .redirect(RedirectURI.adding([("state", parameters["state"])], to: target))
    }

    /// The claims of an ID token this provider signed (its signature and issuer; an expired one is
    /// still a valid hint), or `nil`.
    func idTokenClaims(_ token: String) async throws -> IDTokenClaims? {
        guard token.utf8.count <= 8192, let header = TokenSigner.header(of: Array(token.utf8)),
              let name = header["alg"] as? String, let algorithm = TokenAlgorithm(rawValue: name), algorithm != .hs256,
              // Only an algorithm with keys in the store: a made-up hint must not make keys.
              let ring = try await keyRings.existingRing(for: algorithm)
        else { return nil }
        guard let (claims, _) = try? await TokenSigner.verify(Array(token.utf8), with: ring, as: IDTokenClaims.self),
              claims.iss == issuer
        else { return nil }
        return claims
    }

    /// A live client access token: its claims, its grant and its user.
    /// - Throws: `unauthorized` for any defect.
    private func live(_ accessToken: String) async throws -> (claims: ClientAccessToken, grant: OpenIDGrant, user: User) {
        let claims = try await tokens.verify(clientToken: accessToken)
        guard let id = OpenIDGrantID(uuidString: claims.gid), let grant = try await grants.grant(id: id),
              grant.revokedAt == nil, grant.clientID == claims.clientID, grant.userID.description == claims.sub,
              try await clients.client(id: grant.clientID) != nil
        else { throw AuthError.unauthorized }
        do {
            let (_, user) = try await liveSession(grant.sessionID, of: grant.userID)
            return (claims, grant, user)
        } catch let error as AuthError where error.code == .invalidGrant {
            throw AuthError.unauthorized
        }
    }
}
