import AuthCore

/// `{email, password}`: sign-up and credential sign-in.
struct CredentialsRequest: Decodable, Sendable {
    var email: String
    var password: String
}

/// `{password}`, `{method, code}` or `{method: "passkey", credential}`: reauthenticate with the
/// password or a second factor.
struct ReauthenticationRequest: Decodable, Sendable {
    var password: String?
    var method: String?
    var code: String?
    var credential: AuthenticationResponseJSON?
}

/// `{current_password, new_password}`: change the password.
struct PasswordChangeRequest: Decodable, Sendable {
    var currentPassword: String
    var newPassword: String

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// `{new_email}`: move the account to a new address.
struct EmailChangeRequest: Decodable, Sendable {
    var newEmail: String

    enum CodingKeys: String, CodingKey {
        case newEmail = "new_email"
    }
}

/// `{name?}`: start an authenticator-app enrolment (the body may be absent).
struct TOTPEnrolmentRequest: Decodable, Sendable {
    var name: String?
}

/// `{id, code}`: confirm an authenticator-app enrolment.
struct TOTPConfirmationRequest: Decodable, Sendable {
    var id: String
    var code: String
}

/// `{email}`: resend verification, request a password reset.
struct EmailRequest: Decodable, Sendable {
    var email: String
}

/// `{token_id, code}`: verify email.
struct CodeRequest: Decodable, Sendable {
    var tokenID: String
    var code: String

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
        case code
    }
}

/// `{token_id, code, password?}`: redeem a sign-up code, with the password to install (the one
/// signed up with, when the code was resent).
struct VerifyEmailRequest: Decodable, Sendable {
    var tokenID: String
    var code: String
    var password: String?

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
        case code, password
    }
}

/// `{token_id, code, method?}`, or `{token_id, method: "passkey", credential}`: complete an MFA
/// sign-in with one of the user's methods. `next` is read on the pages only (where the browser
/// goes afterwards); the JSON API ignores it.
struct MFACompletionRequest: Decodable, Sendable {
    var tokenID: String
    var code: String?
    var method: String?
    var credential: AuthenticationResponseJSON?
    var next: String?

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
        case code
        case method
        case credential
        case next
    }

    /// The method's answer as the second-factor seam takes it: the code, or a passkey
    /// assertion's JSON text.
    func answer() throws -> (method: SecondFactorMethod?, response: String) {
        let method = try self.method.map(SecondFactorMethod.fromRequest)
        switch (code, credential) {
        case (let code?, nil): return (method, code)
        case (nil, let credential?): return (method ?? .passkey, try PasskeyRequests.text(credential))
        default: throw AuthError.invalidRequest("send either code, or a passkey credential")
        }
    }
}

/// `{token_id, code, password}`: complete a password reset.
struct PasswordResetCompletion: Decodable, Sendable {
    var tokenID: String
    var code: String
    var password: String

    enum CodingKeys: String, CodingKey {
        case tokenID = "token_id"
        case code
        case password
    }
}

extension VerificationID {
    /// Parses the `token_id` of a request. An id that is not a UUID cannot name any code, so it is
    /// answered exactly like an unknown one.
    static func fromRequest(_ text: String) throws -> VerificationID {
        guard let id = VerificationID(uuidString: text) else { throw AuthError(.invalidCode, "the code is invalid") }
        return id
    }
}

extension AuthenticatorID {
    /// Parses an authenticator id of a request or path; anything else names no authenticator.
    static func fromRequest(_ text: some StringProtocol) throws -> AuthenticatorID {
        guard let id = AuthenticatorID(uuidString: String(text)) else { throw AuthError(.notFound, "no such authenticator") }
        return id
    }
}

extension SecondFactorMethod {
    /// Parses the `method` of a request: a short snake_case name. Whether the service offers it is
    /// the flow's to say.
    static func fromRequest(_ text: String) throws -> SecondFactorMethod {
        guard (1...32).contains(text.utf8.count), text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) else {
            throw AuthError.invalidRequest("method must be one of the methods of the mfa_required answer")
        }
        return SecondFactorMethod(rawValue: text)
    }
}

/// `{refresh_token}`: trade a refresh token for the next pair.
struct RefreshRequest: Decodable, Sendable {
    var refreshToken: String

    enum CodingKeys: String, CodingKey {
        case refreshToken = "refresh_token"
    }
}
