import Foundation

/// Where to submit a mailed code (`{verification_id, expires_at}`).
public struct CodeChallenge: Decodable, Hashable, Sendable {
    /// The id to send back as `token_id`.
    public var verificationID: String
    public var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case verificationID = "verification_id"
        case expiresAt = "expires_at"
    }
}

/// A second factor is required (the `mfa_required` answer): complete it with
/// ``AuthClient/completeSignIn(_:code:method:)``, or with a passkey
/// (``AuthClient/passkeySecondFactorOptions(_:)``, ``AuthClient/completeSignIn(_:passkeyCredential:)``).
public struct MFAChallenge: Decodable, Hashable, Sendable {
    public var verificationID: String
    public var expiresAt: Date
    /// The user's methods (`totp`, `recovery_code`, `email`, `passkey`); a code is mailed only when
    /// `email` is one.
    public var methods: [String]

    enum CodingKeys: String, CodingKey {
        case verificationID = "verification_id"
        case expiresAt = "expires_at"
        case methods
    }
}

/// The outcome of a first-factor sign-in.
public enum SignInOutcome: Hashable, Sendable {
    /// Signed in: the client holds the session's tokens.
    case signedIn
    /// A second factor is required.
    case mfaRequired(MFAChallenge)
}

/// A session as `/me` and `/me/all` describe it.
public struct SessionInfo: Decodable, Hashable, Sendable {
    public var id: String
    /// Whether this is the session the client holds (`/me/all` only).
    public var primary: Bool?
    /// The device's name (`X-Client`, else a short form of the User-Agent).
    public var client: String
    public var ip: String
    public var parsedLocation: String
    public var createdAt: Date
    /// When the device was last active (a request, or a refresh).
    public var lastUsedAt: Date
    public var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case id, primary, client, ip
        case parsedLocation = "parsed_location"
        case createdAt = "created_at"
        case lastUsedAt = "last_used_at"
        case expiresAt = "expires_at"
    }
}

/// The signed-in user.
public struct UserInfo: Decodable, Hashable, Sendable {
    public var id: String
    public var email: String
    public var isEmailVerified: Bool
    public var imageURL: String?
    public var mfaEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case id, email
        case isEmailVerified = "is_email_verified"
        case imageURL = "image_url"
        case mfaEnabled = "mfa_enabled"
    }
}

/// `GET /me`.
public struct Me: Decodable, Hashable, Sendable {
    public var session: SessionInfo
    public var user: UserInfo
}

/// The answer of every route that starts or refreshes a session.
struct TokenAnswer: Decodable {
    var token: String
    var refreshToken: String?
    var expiresIn: Int?

    enum CodingKeys: String, CodingKey {
        case token
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }
}

/// `{success}` and the other answers whose body says nothing more.
struct Success: Decodable { var success: Bool? }

/// `{mfa_enabled}`.
struct MFAState: Decodable {
    var mfaEnabled: Bool
    enum CodingKeys: String, CodingKey { case mfaEnabled = "mfa_enabled" }
}

/// The problem+json body, and the seed's `mfa_required` body that shares its `error` member.
struct ProblemBody: Decodable {
    var error: String?
    var message: String?
    var detail: String?
}
