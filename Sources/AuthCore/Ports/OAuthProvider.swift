import Foundation

/// One OAuth 2.0 or OpenID Connect provider: it builds the URL of its consent screen and turns an
/// authorisation code into a verified ``OAuthIdentity``.
///
/// Implementations are small files under `OAuth/Providers` that map the provider's answers to the
/// shared ``OAuthIdentity``; the security checks common to every provider (state, redirect
/// allow-list, verified email, account linking, MFA) live in ``OAuthSignInFlow``.
public protocol OAuthProvider: Sendable {
    /// The registry name: the `{provider}` path segment and ``OAuthAccount/provider``.
    var name: String { get }

    /// The provider's name for people, as in "Sign in with GitHub". Default: ``name`` with its
    /// first letter upper-cased.
    var displayName: String { get }

    /// The consent-screen URL the browser is sent to.
    /// - Throws: `AuthError(.oauthFailed)` when the provider's metadata cannot be had.
    func authorizationURL(for request: OAuthAuthorizationRequest) async throws -> URL

    /// Redeems the authorisation code and returns who signed in.
    /// - Important: an implementation must prove the identity cryptographically (an id_token
    ///   verified against the provider's keys, or an API answer obtained with the token the code
    ///   was exchanged for), never trust data that came through the browser.
    /// - Throws: `AuthError(.oauthFailed)` for every failure.
    func identity(for grant: OAuthCodeGrant) async throws -> OAuthIdentity
}

extension OAuthProvider {
    /// The registry name with its first letter upper-cased (`okta` → `Okta`).
    public var displayName: String { name.prefix(1).uppercased() + name.dropFirst() }
}

/// What goes into an authorisation request.
public struct OAuthAuthorizationRequest: Hashable, Sendable {
    /// The allow-listed URI the provider sends the browser back to.
    public var redirectURI: String
    /// The server-generated, single-use `state`.
    public var state: String
    /// The OpenID Connect `nonce` the id_token must carry (ignored by plain OAuth 2.0 providers).
    public var nonce: String
    /// The PKCE S256 `code_challenge`.
    public var codeChallenge: String

    /// Creates a request.
    public init(redirectURI: String, state: String, nonce: String, codeChallenge: String) {
        self.redirectURI = redirectURI
        self.state = state
        self.nonce = nonce
        self.codeChallenge = codeChallenge
    }
}

/// What the token exchange needs: the code, and the values bound to it at the start.
public struct OAuthCodeGrant: Hashable, Sendable {
    public var code: String
    public var redirectURI: String
    /// The PKCE verifier whose challenge was sent with the authorisation request.
    public var codeVerifier: String
    /// The nonce sent with the authorisation request.
    public var nonce: String

    /// Creates a grant.
    public init(code: String, redirectURI: String, codeVerifier: String, nonce: String) {
        self.code = code
        self.redirectURI = redirectURI
        self.codeVerifier = codeVerifier
        self.nonce = nonce
    }
}
