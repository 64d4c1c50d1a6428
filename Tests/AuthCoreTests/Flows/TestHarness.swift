import AuthCore
import AuthTesting
import Foundation

/// An AuthService on in-memory adapters, a manual clock and a mailbox, with a cheap (but real)
/// Argon2id cost so flow tests stay fast.
struct TestHarness {
    let clock: ManualClock
    let mailbox = InMemoryMailbox()
    let deps: AuthDependencies
    let auth: AuthService
    let client = ClientContext(ip: IPAddress("203.0.113.9"), userAgent: "Mozilla/5.0 Test", clientName: "web", location: "Lisbon, Lisbon, Portugal")

    static let cheapArgon = Argon2idPasswordHasher.Configuration.cheapForTests

    init(
        hasher: Argon2idPasswordHasher = Argon2idPasswordHasher(configuration: TestHarness.cheapArgon),
        secondFactors: [any SecondFactor] = [], configuration: AuthConfiguration = .init(),
        hooks: AuthHooks = AuthHooks(), webhooks: (any WebhookStore)? = nil, clock: ManualClock = ManualClock()
    ) async throws {
        self.clock = clock
        var deps = AuthDependencies.inMemory(mailer: mailbox, hasher: hasher, clock: clock, random: SeededRandomSource(seed: 42))
        deps.webhooks = webhooks
        self.deps = deps
        auth = try await AuthService(
            dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
            configuration: configuration, hooks: hooks, secondFactors: secondFactors)
    }

    /// The code in the newest mail to `email`.
    func code(for email: String) async throws -> String {
        guard let message = await mailbox.latest(to: try EmailAddress(email)), let code = message.code else {
            throw AuthError(.notFound, "no mail with a code to \(email)")
        }
        return code
    }

    /// Signs up and verifies `email`, returning the first session.
    @discardableResult
    func registered(_ email: String = "ada@example.com", password: String = "correct horse battery") async throws -> SignedIn {
        let challenge = try await auth.signUp(email: email, password: password, client: client)
        return try await auth.verifyEmail(id: challenge.verificationID, code: try await code(for: email), client: client)
    }

    /// A code guaranteed to be wrong.
    static func wrong(_ code: String) -> String { code == "000000" ? "111111" : "000000" }
}
