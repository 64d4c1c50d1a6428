import Foundation

/// What the caller learns after a code was (or, for unknown addresses, seemingly was) sent:
/// the id to submit the code with and when it expires.
public struct CodeChallenge: Hashable, Sendable {
    public var verificationID: VerificationID
    public var expiresAt: Date
    /// Creates a challenge.
    public init(verificationID: VerificationID, expiresAt: Date) {
        self.verificationID = verificationID
        self.expiresAt = expiresAt
    }
}

/// A new session and the tokens that name it.
public struct SignedIn: Hashable, Sendable {
    /// The access token (a JWT), good until ``tokenExpiresAt``.
    public var token: String
    /// The refresh token: trade it at ``TokenRefreshFlow`` for the next pair (docs/tokens.md).
    /// - Important: a secret as strong as the session: store it where the access token goes, or
    ///   better (the Keychain), and never log it.
    public var refreshToken: String
    /// When ``token`` expires (its `exp`).
    public var tokenExpiresAt: Date
    /// Whole seconds ``token`` lived when it was signed: the `expires_in` of the API.
    public var expiresIn: Int
    public var session: Session
    public var user: User
    /// Creates the result.
    public init(token: String, refreshToken: String, tokenExpiresAt: Date, expiresIn: Int, session: Session, user: User) {
        self.token = token
        self.refreshToken = refreshToken
        self.tokenExpiresAt = tokenExpiresAt
        self.expiresIn = expiresIn
        self.session = session
        self.user = user
    }

}

/// A second factor is needed: the challenge to complete with `POST /sign-in/mfa` (or
/// ``MFASignInFlow``) and the user's methods, any one of which completes it.
public struct MFAChallenge: Hashable, Sendable {
    public var verificationID: VerificationID
    public var expiresAt: Date
    /// The user's second-factor methods, e.g. `[.totp, .email]`; the code is mailed only when
    /// `.email` is among them.
    public var methods: [SecondFactorMethod]
    /// Creates a challenge.
    public init(verificationID: VerificationID, expiresAt: Date, methods: [SecondFactorMethod]) {
        self.verificationID = verificationID
        self.expiresAt = expiresAt
        self.methods = methods
    }
}

/// The outcome of a first-factor sign-in.
public enum SignInResult: Hashable, Sendable {
    /// Signed in.
    case signedIn(SignedIn)
    /// The first factor was right and the user has a second factor; complete with the challenge.
    case mfaRequired(MFAChallenge)
}
