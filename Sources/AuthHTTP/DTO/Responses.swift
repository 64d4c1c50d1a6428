import AuthCore

/// `{token, refresh_token, expires_in}`: a new session's bearer token, the refresh token that
/// renews it, and the seconds the bearer token lives (seed clients read only `token`).
struct TokenResponse: Codable, Sendable {
    var token: String
    var refreshToken: String
    var expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case token
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
    }

    init(_ signedIn: SignedIn) {
        token = signedIn.token
        refreshToken = signedIn.refreshToken
        expiresIn = signedIn.expiresIn
    }

    init(_ refreshed: Refreshed) {
        token = refreshed.token
        refreshToken = refreshed.refreshToken
        expiresIn = refreshed.expiresIn
    }
}

/// `{token, refresh_token, expires_in, password_set}`: the session of a verified address, and
/// whether the account has a password (`false` after a resent code redeemed without one: ask the
/// owner to set one).
struct VerifiedResponse: Codable, Sendable {
    var token: String
    var refreshToken: String
    var expiresIn: Int
    var passwordSet: Bool

    enum CodingKeys: String, CodingKey {
        case token
        case refreshToken = "refresh_token"
        case expiresIn = "expires_in"
        case passwordSet = "password_set"
    }

    init(_ signedIn: SignedIn, passwordSet: Bool) {
        token = signedIn.token
        refreshToken = signedIn.refreshToken
        expiresIn = signedIn.expiresIn
        self.passwordSet = passwordSet
    }
}

/// `{verification_id, expires_at}`: where a mailed code must be submitted, and until when.
struct ChallengeResponse: Codable, Sendable {
    var verificationID: String
    var expiresAt: String

    enum CodingKeys: String, CodingKey {
        case verificationID = "verification_id"
        case expiresAt = "expires_at"
    }

    init(_ challenge: CodeChallenge) {
        self.verificationID = challenge.verificationID.description
        self.expiresAt = Timestamp.format(challenge.expiresAt)
    }
}

/// The old service's 401 body when a second factor is needed, plus the user's `methods`.
struct MFARequiredResponse: Codable, Sendable {
    var error = "mfa_required"
    var verificationID: String
    var expiresAt: String
    var message = "Login blocked. Multi-factor authentication required."
    var methods: [String]

    enum CodingKeys: String, CodingKey {
        case error
        case verificationID = "verification_id"
        case expiresAt = "expires_at"
        case message
        case methods
    }

    init(_ challenge: MFAChallenge) {
        self.verificationID = challenge.verificationID.description
        self.expiresAt = Timestamp.format(challenge.expiresAt)
        self.methods = challenge.methods.map(\.rawValue)
    }
}

/// `{success: true}`.
struct SuccessResponse: Codable, Sendable {
    var success = true
}

/// `{success: true, email}`: the account's new address.
struct EmailChangedResponse: Encodable, Sendable {
    var success = true
    var email: String
}

/// `{mfa_enabled}`.
struct MFAStateResponse: Codable, Sendable {
    var mfaEnabled: Bool

    enum CodingKeys: String, CodingKey {
        case mfaEnabled = "mfa_enabled"
    }
}

/// `{status}` of the health endpoints.
struct HealthResponse: Codable, Sendable {
    var status: String
}

/// `GET /readyz`: `ready`, and the optional dependencies that did not answer (`[]` when none).
struct ReadinessResponse: Codable, Sendable {
    var status: String
    var degraded: [String]
}

/// `{redirect}`: where the page script goes after a sign-in on the pages' surface (the session
/// itself travels in the cookie, never in the body).
struct PageRedirectResponse: Encodable, Sendable {
    var redirect: String
}
