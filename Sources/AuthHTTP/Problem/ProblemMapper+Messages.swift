import AuthCore

extension ProblemMapper {
    /// The title of a code: the same for every occurrence.
    static func title(_ code: AuthError.Code) -> String {
        switch code {
        case .invalidRequest: "Invalid request"
        case .invalidCredentials: "Invalid credentials"
        case .emailNotVerified: "Email not verified"
        case .invalidCode: "Invalid code"
        case .codeExpired: "Code expired"
        case .tooManyAttempts: "Too many attempts"
        case .unauthorized: "Unauthorized"
        case .sessionExpired: "Session expired"
        case .rateLimited: "Too many requests"
        case .payloadTooLarge: "Payload too large"
        case .mfaRequired: "Multi-factor authentication required"
        case .oauthFailed: "OAuth sign-in failed"
        case .conflict: "Conflict"
        case .notFound: "Not found"
        case .overloaded: "Server busy"
        case .unavailable: "Service unavailable"
        case .internal: "Internal error"
        }
    }

    /// The generic human text of a code, used when an error carries no public detail.
    static func genericMessage(_ code: AuthError.Code) -> String {
        switch code {
        case .invalidRequest: "The request is malformed."
        case .invalidCredentials: "Invalid email or password."
        case .emailNotVerified: "Verify your email address before signing in."
        case .invalidCode: "The code is invalid."
        case .codeExpired: "The code has expired; request a new one."
        case .tooManyAttempts: "Too many wrong codes; request a new one."
        case .unauthorized: "Authentication required."
        case .sessionExpired: "The session has expired; sign in again."
        case .rateLimited: "Too many requests; retry later."
        case .payloadTooLarge: "The request body is too large."
        case .mfaRequired: "Login blocked. Multi-factor authentication required."
        case .oauthFailed: "Sign-in with the provider failed."
        case .conflict: "The resource already exists."
        case .notFound: "Not found."
        case .overloaded: "The server is busy; retry shortly."
        case .unavailable: "A backing service is unavailable; retry shortly."
        case .internal: "Something went wrong."
        }
    }
}
