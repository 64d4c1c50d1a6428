import Foundation
import Logging

/// What `/oauth2/authorize` does next with the browser.
public enum AuthorizationOutcome: Hashable, Sendable {
    /// The client or its redirect URI is not registered: show `reason`, never redirect.
    case refused(reason: String)
    /// Send the browser to this URI: the client's, with a code or an error.
    case redirect(String)
    /// Send the browser to sign in (offering `loginHint`), then on to
    /// `/oauth2/authorize/continue?request=` `request`.
    case signIn(request: String, loginHint: String?)
    /// Ask the signed-in user whether `clientName` may have `scopes`; the answer names `request`.
    case consent(request: String, clientName: String, scopes: [String])
}

/// authd as an OpenID Provider (docs/oidc.md): the authorization code flow with PKCE, the token,
/// userinfo, revocation and logout endpoints' behaviour, for the deployer's other apps.
///
/// Every grant hangs off the authd session the user signed in with: a sign-out, an admin revoke
/// or a ban ends the apps' tokens at once (userinfo and introspection refuse them, their refresh
/// fails), and a grant can also be ended on its own (revocation, a code used twice, a refresh
/// token reused, the user disconnecting the app).
public struct OpenIDProvider: Sendable {
    let clients: any OpenIDClientStore
    let grants: any OpenIDGrantStore
    let states: any EphemeralStateStore
    let sessions: any SessionStore
    let users: any UserStore
    let authenticate: TokenAuthenticator
    let logout: LogoutFlow
    let tokens: TokenSigner
    let keyRings: SigningKeyRings
    let minter: RefreshTokens
    let clock: any WallClock
    let random: any RandomSource
    let configuration: AuthConfiguration
    let logger: Logger

    /// The issuer (`iss`): `PUBLIC_URL`.
    public var issuer: String { configuration.openID.issuer }

    // MARK: Authorization

    /// Starts an authorization request (`GET` or `POST /oauth2/authorize`).
    /// - Parameters:
    ///   - parameters: the request's parameters; unknown ones are ignored.
    ///   - browser: the authd session of the browser's cookie, if any.
    public func authorize(parameters: [String: String], browser: Authenticated?) async throws -> AuthorizationOutcome {
        guard let clientID = parameters["client_id"], !clientID.isEmpty, clientID.utf8.count <= 128,
              let client = try await clients.client(id: clientID)
        else { return .refused(reason: "The app that sent you here is not registered with this service.") }
        guard let redirectURI = parameters["redirect_uri"], client.redirectURIs.contains(redirectURI) else {
            return .refused(reason: "The app that sent you here asked to return to an address it did not register.")
        }
        var request: AuthorizationRequest
        do {
            request = try AuthorizationRequest(parameters: parameters, client: client, redirectURI: redirectURI, at: clock.now)
        } catch let refusal as AuthorizationRefusal {
            return .redirect(Self.refusal(refusal, to: redirectURI, state: parameters["state"], issuer: issuer))
        }
        if let hint = parameters["id_token_hint"] {
            // A hint we did not sign (or that is not for this client) is refused, not ignored.
            guard let claims = try await idTokenClaims(hint), claims.aud == client.id else {
                return .redirect(Self.refusal(
                    AuthorizationRefusal("invalid_request", "id_token_hint is not an ID token of ours for this client"),
                    to: redirectURI, state: request.state, issuer: issuer))
            }
            request.hintedSubject = claims.sub
        }
        return try await decide(request, client: client, browser: browser)
    }

    /// Goes on with a request after the browser signed in (`/oauth2/authorize/continue`).
    public func continueAuthorization(request id: String, browser: Authenticated?) async throws -> AuthorizationOutcome {
        guard let request = try await takeRequest(id), let client = try await clients.client(id: request.clientID) else {
            return .refused(reason: "This sign-in request has expired. Go back to the app and start again.")
        }
        return try await decide(request, client: client, browser: browser)
    }

    /// Answers the consent page: `allow` gives `request`'s client its scopes (remembered for the
    /// next time) and a code; otherwise the client hears `access_denied`.
    public func answerConsent(request id: String, allow: Bool, browser: Authenticated?) async throws -> AuthorizationOutcome {
        guard let request = try await takeRequest(id), let client = try await clients.client(id: request.clientID) else {
            return .refused(reason: "This sign-in request has expired. Go back to the app and start again.")
        }
        guard let browser else { return try await decide(request, client: client, browser: nil) }
        guard allow else {
            return .redirect(Self.refusal(
                AuthorizationRefusal("access_denied", "the user did not allow it"), to: request.redirectURI,
                state: request.state, issuer: issuer))
        }
        let earlier = try await grants.consent(of: browser.user.id, to: client.id)?.scopes ?? []
        try await grants.saveConsent(OpenIDConsent(
            userID: browser.user.id, clientID: client.id, scopes: Array(Set(earlier + request.scopes)).sorted(),
            grantedAt: clock.now))
        return .redirect(try await issueCode(for: request, to: browser))
    }

    /// Sign-in first (when the browser has no session, or the request wants a fresher or stronger
    /// one), then consent (third-party clients), then a code.
    func decide(_ request: AuthorizationRequest, client: OpenIDClient, browser: Authenticated?) async throws -> AuthorizationOutcome {
        var request = request
        let now = clock.now
        var mustSignIn = browser == nil
        if let browser, !signedInFor(request, browser) {
            let session = browser.session
            if request.prompts.contains("login") { mustSignIn = true }
            if let maxAge = request.maxAge, now.timeIntervalSince(session.authenticatedAt) > Double(maxAge) { mustSignIn = true }
            // A second factor is asked for only of accounts that have one.
            if request.wantsSecondFactor, session.aal < 2, !browser.secondFactors.isEmpty { mustSignIn = true }
            if let subject = request.hintedSubject, subject != browser.user.id.description { mustSignIn = true }
        }
        if mustSignIn {
            if request.isSilent {
                return .redirect(Self.refusal(
                    AuthorizationRefusal("login_required", "the user must sign in"), to: request.redirectURI,
                    state: request.state, issuer: issuer))
            }
            request.sentToSignIn = true
            return .signIn(request: try await save(request), loginHint: request.loginHint)
        }
        guard let browser else { throw AuthError(.internal, "no session after sign-in was decided against") }
        if !client.isFirstParty {
            let consented = try await grants.consent(of: browser.user.id, to: client.id)
            let covered = consented.map { Set(request.scopes).isSubset(of: Set($0.scopes)) } ?? false
            if !covered || request.prompts.contains("consent") {
                if request.isSilent {
                    return .redirect(Self.refusal(
                        AuthorizationRefusal("consent_required", "the user must allow this app"), to: request.redirectURI,
                        state: request.state, issuer: issuer))
                }
                return .consent(request: try await save(request), clientName: client.name, scopes: request.scopes)
            }
        }
        return .redirect(try await issueCode(for: request, to: browser))
    }

    /// Whether the browser signed in after the request sent it to (so `prompt=login`, `max_age`
    /// and `acr_values` are satisfied by that sign-in, and the request does not loop).
    private func signedInFor(_ request: AuthorizationRequest, _ browser: Authenticated) -> Bool {
        request.sentToSignIn && browser.session.authenticatedAt.timeIntervalSince(request.receivedAt) >= -1
    }

    /// A single-use code for `request`, signed in as `browser`, and the redirect that carries it.
    func issueCode(for request: AuthorizationRequest, to browser: Authenticated) async throws -> String {
        let code = Base64URL.encode(random.bytes(32))
        let record = AuthorizationCode(
            grantID: UUID(), clientID: request.clientID, redirectURI: request.redirectURI, scopes: request.scopes,
            nonce: request.nonce, codeChallenge: request.codeChallenge, userID: browser.user.id.rawValue,
            sessionID: browser.session.id.rawValue)
        let ttl = configuration.openID.codeTTL
        guard try await states.put(AuthorizationCode.key(code), value: Array(try JSONEncoder().encode(record)), ttl: ttl),
              try await states.put(
                AuthorizationCode.grantKey(code), value: Array(record.grantID.lowercasedText.utf8), ttl: ttl * 10)
        else { throw AuthError(.internal, "a fresh authorization code collided") }
        return RedirectURI.adding([("code", code), ("state", request.state), ("iss", issuer)], to: request.redirectURI)
    }

    /// The error redirect of `refusal` (with `iss`, RFC 9207).
    static func refusal(_ refusal: AuthorizationRefusal, to redirectURI: String, state: String?, issuer: String) -> String {
        RedirectURI.adding(
            [("error", refusal.error), ("error_description", refusal.description), ("state", state), ("iss", issuer)],
            to: redirectURI)
    }

    private func save(_ request: AuthorizationRequest) async throws -> String {
        let id = Base64URL.encode(random.bytes(24))
        guard try await states.put(
            "oidc-request:" + id, value: Array(try JSONEncoder().encode(request)), ttl: configuration.openID.requestTTL)
        else { throw AuthError(.internal, "a fresh request id collided") }
        return id
    }

    private func takeRequest(_ id: String) async throws -> AuthorizationRequest? {
        guard id.utf8.count <= 64, let bytes = try await states.take("oidc-request:" + id) else { return nil }
        return try? JSONDecoder().decode(AuthorizationRequest.self, from: Data(bytes))
    }
}
