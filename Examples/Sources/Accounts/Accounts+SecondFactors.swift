import AuthCore

extension Accounts {
    /// Starts an authenticator-app enrolment for the signed-in user of `token`: show the user
    /// `enrolment.qrCodeSVG` (or `enrolment.secret`), then confirm with a code from the app.
    public func startAuthenticator(token: String) async throws -> TOTPEnrolment {
        let who = try await auth.authenticate(token: token)
        return try await auth.totp.start(who, name: "Phone", client: device)
    }

    /// Activates the app; the first one returns ten recovery codes to show once.
    public func confirmAuthenticator(token: String, id: AuthenticatorID, code: String) async throws -> [String]? {
        let who = try await auth.authenticate(token: token)
        return try await auth.totp.confirm(who, id: id, code: code, client: device)
    }

    /// Signs in with a password and, when the account asks for it, a code from the app.
    public func signIn(email: String, password: String, appCode: () -> String) async throws -> SignedIn {
        switch try await auth.signIn(email: email, password: password, client: device) {
        case .signedIn(let signedIn):
            return signedIn
        case .mfaRequired(let challenge):
            // challenge.methods lists the user's methods, e.g. [.totp, .recoveryCode].
            return try await auth.completeMFASignIn(
                id: challenge.verificationID, code: appCode(), method: .totp, client: device)
        }
    }

    private var device: ClientContext {
        ClientContext(ip: IPAddress("192.0.2.1"), userAgent: "example", clientName: "cli")
    }
}
