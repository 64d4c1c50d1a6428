import Crypto
import Foundation

/// How a client authenticated at the token or revocation endpoint.
public struct ClientCredentials: Hashable, Sendable {
    /// From HTTP Basic (`client_secret_basic`) or the form's `client_id`.
    public var clientID: String?
    /// From HTTP Basic or the form's `client_secret` (`client_secret_post`); `nil` for `none`.
    public var secret: String?

    public init(clientID: String?, secret: String?) {
        self.clientID = clientID
        self.secret = secret
    }
}

/// The token endpoint's answer (RFC 6749 section 5.1; OpenID Connect Core section 3.1.3.3).
public struct OpenIDTokenResponse: Hashable, Sendable {
    public var accessToken: String
    /// Whole seconds the access token lives.
    public var expiresIn: Int
    public var idToken: String
    /// With `offline_access`: the refresh token (rotated at every use).
    public var refreshToken: String?
    /// The granted scopes, space-separated.
    public var scope: String
}

extension OpenIDProvider {
    /// The token endpoint: `grant_type=authorization_code` or `refresh_token`.
    /// - Throws: `invalid_client` when the client does not authenticate; `invalid_grant` for a
    ///   code or refresh token that is unknown, expired, used, revoked, not the client's, or whose
    ///   session ended; `unsupported_grant_type`; `invalid_request` for a malformed request.
    public func token(form: [String: String], credentials: ClientCredentials) async throws -> OpenIDTokenResponse {
        let client = try await authenticateClient(credentials)
        switch form["grant_type"] {
        case "authorization_code": return try await exchange(form, client: client)
        case "refresh_token": return try await refresh(form, client: client)
        case nil: throw AuthError.invalidRequest("grant_type is missing")
        default: throw AuthError(.unsupportedGrantType, "grant_type must be authorization_code or refresh_token")
        }
    }

    /// The registered client `credentials` prove: a confidential client by its secret, a public
    /// one by its id alone (it proves itself with PKCE).
    /// - Throws: `invalid_client`.
    public func authenticateClient(_ credentials: ClientCredentials) async throws -> OpenIDClient {
        guard let id = credentials.clientID, !id.isEmpty, id.utf8.count <= 128, let client = try await clients.client(id: id) else {
            throw AuthError(.invalidClient, "unknown client")
        }
        switch (client.secretHash, credentials.secret) {
        case (nil, nil):
            return client
        case (let hash?, let secret?) where secret.utf8.count <= 256:
            guard ConstantTime.equals(Array(SHA256.hash(data: Array(secret.utf8))), hash) else {
                throw AuthError(.invalidClient, "wrong client secret")
            }
            return client
        case (nil, _?):
            throw AuthError(.invalidClient, "a public client has no secret")
        default:
            throw AuthError(.invalidClient, "the client secret is missing")
        }
    }

    private func exchange(_ form: [String: String], client: OpenIDClient) async throws -> OpenIDTokenResponse {
        guard let code = form["code"], !code.isEmpty, code.utf8.count <= 128 else {
            throw AuthError.invalidRequest("code is missing")
        }
        guard let bytes = try await states.take(AuthorizationCode.key(code)) else {
            // A code used twice (or stolen and raced) revokes what its first use issued.
            if let grant = try await states.take(AuthorizationCode.grantKey(code)),
               let uuid = UUID(uuidString: String(decoding: grant, as: UTF8.self)),
               try await grants.revoke(OpenIDGrantID(uuid), at: clock.now) {
                logger.warning("an authorization code was used twice; its grant is revoked", metadata: ["client": "\(client.id)"])
            }
            throw AuthError(.invalidGrant, "the code is unknown, expired or already used")
        }
        guard let record = try? JSONDecoder().decode(AuthorizationCode.self, from: Data(bytes)) else {
            throw AuthError(.invalidGrant, "the code is unreadable")
        }
        guard record.clientID == client.id else { throw AuthError(.invalidGrant, "the code was issued to another client") }
        guard form["redirect_uri"] == record.redirectURI else {
            throw AuthError(.invalidGrant, "redirect_uri differs from the authorization request's")
        }
        switch (record.codeChallenge, form["code_verifier"]) {
        case (let challenge?, let verifier?):
            guard AuthorizationCode.verifies(verifier, challenge: challenge) else {
                throw AuthError(.invalidGrant, "code_verifier does not match the code_challenge")
            }
        case (_?, nil): throw AuthError(.invalidGrant, "code_verifier is missing")
        case (nil, _?): throw AuthError(.invalidGrant, "code_verifier was sent for a request without code_challenge")
        case (nil, nil): break
        }
        let (session, user) = try await liveSession(SessionID(record.sessionID), of: UserID(record.userID))
        let offline = record.scopes.contains(OpenIDScope.offlineAccess)
        let grantID = OpenIDGrantID(record.grantID)
        let refreshToken = offline ? minter.token(for: grantID.rawValue, generation: 0) : nil
        let grant = OpenIDGrant(
            id: grantID, clientID: client.id, userID: user.id, sessionID: session.id, scopes: record.scopes,
            createdAt: clock.now,
            refresh: refreshToken.map {
                RefreshTokenState(sessionID: session.id, generation: 0, tokenHash: RefreshTokens.hash($0), rotatedAt: nil)
            })
        try await grants.insert(grant)
        return try await issue(grant, client: client, session: session, user: user, nonce: record.nonce, refreshToken: refreshToken)
    }

    private func refresh(_ form: [String: String], client: OpenIDClient) async throws -> OpenIDTokenResponse {
        guard let token = form["refresh_token"], !token.isEmpty else { throw AuthError.invalidRequest("refresh_token is missing") }
        guard let presented = minter.parse(token) else { throw AuthError(.invalidGrant, "the refresh token is not one of ours") }
        let id = OpenIDGrantID(presented.id)
        guard let grant = try await grants.grant(id: id), grant.clientID == client.id, grant.revokedAt == nil else {
            throw AuthError(.invalidGrant, "the refresh token is revoked or not this client's")
        }
        let (session, user) = try await liveSession(grant.sessionID, of: grant.userID)
        let successor = minter.token(for: id.rawValue, generation: presented.generation + 1)
        let outcome = try await grants.rotate(
            id, presented: presented.generation, presentedHash: presented.hash, successorHash: RefreshTokens.hash(successor),
            at: clock.now, reuseInterval: configuration.refreshReuseInterval)
        let next: String
        switch outcome {
        case .rotated: next = successor
        case .replayed(let generation): next = minter.token(for: id.rawValue, generation: generation)
        case .reused:
            // Someone kept a token its owner has moved past: the grant ends (the authd session,
            // which other apps share, stays).
            _ = try await grants.revoke(id, at: clock.now)
            logger.warning("an OpenID refresh token was reused; its grant is revoked", metadata: ["client": "\(client.id)"])
            throw AuthError(.invalidGrant, "the refresh token was already used")
        case .unknown: throw AuthError(.invalidGrant, "the refresh token is revoked or unknown")
        }
        // A refresh is use of the authd session, as the API's is: it slides (never past
        // `SESSION_MAX_LIFETIME`), so an app in use keeps its user signed in.
        let now = clock.now
        var slid = session
        slid.expiresAt = configuration.slidingExpiry(createdAt: session.createdAt, now: now)
        guard try await sessions.slide(session.id, until: slid.expiresAt, at: now) else {
            throw AuthError(.invalidGrant, "the sign-in behind this grant has ended")
        }
        return try await issue(grant, client: client, session: slid, user: user, nonce: nil, refreshToken: next)
    }

    /// The session a grant hangs off, and its user, when both still may sign in.
    /// - Throws: `invalid_grant` when the session ended or the user is banned or gone.
    func liveSession(_ id: SessionID, of userID: UserID) async throws -> (Session, User) {
        do {
            let found = try await authenticate.authenticated(userID: userID, sessionID: id)
            return (found.session, found.user)
        } catch let error as AuthError where error.code == .unauthorized {
            throw AuthError(.invalidGrant, "the sign-in behind this grant has ended")
        }
    }

    /// An access token and an ID token (and the refresh token, when there is one) for `grant`.
    func issue(
        _ grant: OpenIDGrant, client: OpenIDClient, session: Session, user: User, nonce: String?, refreshToken: String?
    ) async throws -> OpenIDTokenResponse {
        let now = clock.now
        let expiresAt = min(now.addingTimeInterval(configuration.openID.tokenLifetime.timeInterval), session.expiresAt)
        let scope = grant.scopes.joined(separator: " ")
        let accessToken = try await tokens.sign(clientToken: ClientAccessToken(
            iss: issuer, sub: user.id.description, sid: session.id.description, gid: grant.id.description,
            clientID: client.id, aud: client.id, scope: scope, iat: Int(now.timeIntervalSince1970),
            exp: Int(expiresAt.timeIntervalSince1970), authTime: Int(session.authenticatedAt.timeIntervalSince1970),
            amr: session.amr, aal: session.aal))
        let algorithm = client.idTokenAlgorithm == .hs256 ? .rs256 : client.idTokenAlgorithm
        let emailScope = grant.scopes.contains(OpenIDScope.email)
        let claims = IDTokenClaims(
            iss: issuer, sub: user.id.description, aud: client.id, exp: Int(expiresAt.timeIntervalSince1970),
            iat: Int(now.timeIntervalSince1970), authTime: Int(session.authenticatedAt.timeIntervalSince1970), nonce: nonce,
            amr: session.amr, acr: session.aal >= 2 ? "aal2" : "aal1", azp: client.id,
            atHash: Self.atHash(accessToken, algorithm: algorithm), sid: session.id.description,
            email: emailScope ? user.email.value : nil, emailVerified: emailScope ? user.isEmailVerified : nil)
        let idToken = try await TokenSigner.sign(claims, with: try await keyRings.ring(for: algorithm))
        return OpenIDTokenResponse(
            accessToken: accessToken, expiresIn: max(0, Int(expiresAt.timeIntervalSince(now).rounded(.down))),
            idToken: idToken, refreshToken: refreshToken, scope: scope)
    }

    /// `at_hash`: the left half of the hash of the access token, by the ID token algorithm's hash
    /// (SHA-256; SHA-512 for Ed25519), base64url (OpenID Connect Core section 3.1.3.6).
    static func atHash(_ accessToken: String, algorithm: TokenAlgorithm) -> String {
        let digest: [UInt8] = algorithm == .edDSA
            ? Array(SHA512.hash(data: Array(accessToken.utf8))) : Array(SHA256.hash(data: Array(accessToken.utf8)))
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}
