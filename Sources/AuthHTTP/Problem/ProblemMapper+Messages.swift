import AuthCore
import HTTPTypes

extension ProblemMapper {
    /// How one code is answered: its status, its title and the human text used when the error
    /// carries no public detail.
    struct Entry: Sendable {
        var status: HTTPResponse.Status
        var title: String
        var message: String
    }

    /// Every code AuthCore throws, in one table: the only place where codes meet HTTP.
    static let catalogue: [AuthError.Code: Entry] = [
        .invalidRequest: Entry(status: .badRequest, title: "Invalid request", message: "The request is malformed."),
        .invalidCredentials: Entry(status: .unauthorized, title: "Invalid credentials", message: "Invalid email or password."),
        .emailNotVerified: Entry(
            status: .forbidden, title: "Email not verified", message: "Verify your email address before signing in."),
        .invalidCode: Entry(status: .badRequest, title: "Invalid code", message: "The code is invalid."),
        .codeExpired: Entry(status: .badRequest, title: "Code expired", message: "The code has expired; request a new one."),
        .tooManyAttempts: Entry(
            status: .badRequest, title: "Too many attempts", message: "Too many wrong codes; request a new one."),
        .unauthorized: Entry(status: .unauthorized, title: "Unauthorized", message: "Authentication required."),
        .sessionExpired: Entry(
            status: .unauthorized, title: "Session expired", message: "The session has expired; sign in again."),
        .rateLimited: Entry(status: .tooManyRequests, title: "Too many requests", message: "Too many requests; retry later."),
        .payloadTooLarge: Entry(
            status: .contentTooLarge, title: "Payload too large", message: "The request body is too large."),
        .mfaRequired: Entry(
            status: .unauthorized, title: "Multi-factor authentication required",
            message: "Login blocked. Multi-factor authentication required."),
        .reauthenticationRequired: Entry(
            status: .forbidden, title: "Reauthentication required",
            message: "Confirm your password first (POST /reauthenticate); this change needs a recent sign-in."),
        .oauthFailed: Entry(status: .unauthorized, title: "OAuth sign-in failed", message: "Sign-in with the provider failed."),
        .lastSignInMethod: Entry(
            status: .conflict, title: "Last sign-in method",
            message: "This is the account's only way to sign in; set a password or link another provider first."),
        .forbidden: Entry(status: .forbidden, title: "Forbidden", message: "You may not do this."),
        .secondFactorRequired: Entry(
            status: .forbidden, title: "Second factor required",
            message: "This needs a session signed in with a second factor (an authenticator app or a passkey)."),
        .invalidCredential: Entry(
            status: .badRequest, title: "Invalid passkey response",
            message: "The passkey response was refused; ask for new options and try again."),
        .conflict: Entry(status: .conflict, title: "Conflict", message: "The resource already exists."),
        .methodUnavailable: Entry(
            status: .conflict, title: "Method unavailable",
            message: "The account has no such second factor; use one of its methods."),
        .notFound: Entry(status: .notFound, title: "Not found", message: "Not found."),
        .signUpDenied: Entry(status: .forbidden, title: "Sign-up denied", message: "Sign-up is not allowed."),
        .overloaded: Entry(status: .serviceUnavailable, title: "Server busy", message: "The server is busy; retry shortly."),
        .unavailable: Entry(
            status: .serviceUnavailable, title: "Service unavailable",
            message: "A backing service is unavailable; retry shortly."),
        .internal: Entry(status: .internalServerError, title: "Internal error", message: "Something went wrong."),
        .invalidClient: Entry(status: .unauthorized, title: "Invalid client", message: "The client could not be authenticated."),
        .invalidGrant: Entry(
            status: .badRequest, title: "Invalid grant",
            message: "The code or refresh token is unknown, expired, used or revoked."),
        .unsupportedGrantType: Entry(
            status: .badRequest, title: "Unsupported grant type",
            message: "Only authorization_code and refresh_token are supported."),
    ]

    /// The title of a code: the same for every occurrence.
    static func title(_ code: AuthError.Code) -> String {
        catalogue[code]?.title ?? "Bad request"
    }

    /// The generic human text of a code, used when an error carries no public detail.
    static func genericMessage(_ code: AuthError.Code) -> String {
        catalogue[code]?.message ?? "The request could not be completed."
    }
}
