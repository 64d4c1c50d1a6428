import AuthCore

/// A service that signs users up and in with AuthCore in-process, on the in-memory adapters.
public struct Accounts: Sendable {
    public let auth: AuthService
    public let mailbox = InMemoryMailbox()
    public let dependencies: AuthDependencies

    /// `secret` is the JWT secret (32 bytes or more); the code key and the encryption key are
    /// derived from it. Tests pass a cheap `hasher` (see "Testing your service").
    public init(secret: [UInt8], hasher: any PasswordHasher = Argon2idPasswordHasher()) async throws {
        dependencies = AuthDependencies.inMemory(mailer: mailbox, hasher: hasher)
        auth = try await AuthService(dependencies: dependencies, jwtSecret: secret)
    }

    /// Signs up, reads the code from the mailbox (a real service mails it), verifies, and returns
    /// the user id the token authenticates as.
    public func register(email: String, password: String) async throws -> UserID {
        let device = ClientContext(ip: IPAddress("192.0.2.1"), userAgent: "example", clientName: "cli")
        let challenge = try await auth.signUp(email: email, password: password, client: device)
        guard let code = await mailbox.latest(to: try EmailAddress(email))?.code else {
            throw AuthError(.internal, "no mail")
        }
        let signedIn = try await auth.verifyEmail(id: challenge.verificationID, code: code, client: device)
        let who = try await auth.authenticate(token: signedIn.token)
        return who.user.id
    }
}
