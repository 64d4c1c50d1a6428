// The code between the markers is quoted verbatim in docs/embedding.md; EmbeddingExampleTests
// compiles it, runs it, and checks the document still quotes it exactly.
// BEGIN EXAMPLE
import AuthCore

/// A service that signs users up and in with AuthCore in-process, on the in-memory adapters.
struct Accounts {
    let auth: AuthService
    let mailbox = InMemoryMailbox()
    let dependencies: AuthDependencies

    init(secret: [UInt8]) async throws {
        dependencies = AuthDependencies.inMemory(mailer: mailbox)
        auth = try await AuthService(
            dependencies: dependencies, jwtSecret: secret,
            codeKey: CodeHasher.deriveKey(fromSecret: secret))
    }

    /// Signs up, reads the code from the mailbox (a real service mails it), verifies, and returns
    /// the user id the token authenticates as.
    func register(email: String, password: String) async throws -> UserID {
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
// END EXAMPLE
