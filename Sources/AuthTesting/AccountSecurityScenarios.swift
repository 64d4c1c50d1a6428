import AuthCore
import Foundation
import Testing

/// Attacks on an account that a set of stores must stop, written as the attack (docs/api.md, "Account lifecycle and enumeration"): run
/// through AuthCore's flows on any ``AuthDependencies``, so the in-memory adapters and PostgreSQL
/// are held to the same answers. The races need the stores' targeted, conditional writes.
public enum AccountSecurityScenarios {
    static let email = "owner@example.com"
    static let ownerPassword = "owner password 1"
    static let attackerPassword = "attacker password"

    /// The service on `deps`, with a mailbox to read codes from and a hasher that can be held.
    struct Bed {
        let auth: AuthService
        let deps: AuthDependencies
        let mailbox = InMemoryMailbox()
        let hasher: GatedPasswordHasher
        let client = ClientContext(ip: IPAddress("203.0.113.20"), userAgent: "scenario", clientName: "test")

        init(_ base: AuthDependencies) async throws {
            var deps = base
            hasher = GatedPasswordHasher(Argon2idPasswordHasher(configuration: .cheapForTests))
            deps.mailer = mailbox
            deps.hasher = hasher
            self.deps = deps
            auth = try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 5, count: 32), codeKey: Array(repeating: 6, count: 32))
        }

        func code(_ email: String = AccountSecurityScenarios.email) async throws -> String {
            try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
        }

        func signIn(_ password: String) async throws -> SignInResult {
            try await auth.signIn(email: AccountSecurityScenarios.email, password: password, client: client)
        }

        /// A verified account at `email` with the owner's password.
        func account(_ email: String) async throws -> User {
            let signUp = try await auth.signUp(email: email, password: ownerPassword, client: client)
            return try await auth.verifyEmail(id: signUp.verificationID, code: try await code(email), client: client).user
        }
    }

    /// Every scenario.
    public static let checks: [ContractCheck<AuthDependencies>] = [
        ContractCheck("the resend path ends with the owner's own password, never a squatter's") { f in
            let bed = try await Bed(f.subject)
            // A squatter signs up first; the owner signs up, the first mail is slow, they resend.
            _ = try await bed.auth.signUp(email: email, password: attackerPassword, client: bed.client)
            _ = try await bed.auth.signUp(email: email, password: ownerPassword, client: bed.client)
            let resent = try await bed.auth.resendVerification(email: email, client: bed.client)
            let verified = try await bed.auth.verifyEmail.verify(
                id: resent.verificationID, code: try await bed.code(), password: ownerPassword, client: bed.client)
            #expect(verified.passwordSet)
            guard case .signedIn = try await bed.signIn(ownerPassword) else { Issue.record("the owner must sign in"); return }
            let squatter = await #expect(throws: AuthError.self) { try await bed.signIn(attackerPassword) }
            #expect(squatter?.code == .invalidCredentials)
        },
        ContractCheck("a resent code redeemed without a password installs none, and says so") { f in
            let bed = try await Bed(f.subject)
            _ = try await bed.auth.signUp(email: email, password: attackerPassword, client: bed.client)
            let resent = try await bed.auth.resendVerification(email: email, client: bed.client)
            let verified = try await bed.auth.verifyEmail.verify(
                id: resent.verificationID, code: try await bed.code(), password: nil, client: bed.client)
            #expect(!verified.passwordSet)
            await #expect(throws: AuthError.self) { try await bed.signIn(attackerPassword) }
        },
        ContractCheck("a repeat sign-up by someone else never decides the password") { f in
            let bed = try await Bed(f.subject)
            let owner = try await bed.auth.signUp(email: email, password: ownerPassword, client: bed.client)
            let ownerCode = try await bed.code()
            let attacker = try await bed.auth.signUp(email: email, password: attackerPassword, client: bed.client)
            #expect(attacker.verificationID != owner.verificationID)
            _ = try await bed.auth.verifyEmail(id: owner.verificationID, code: ownerCode, client: bed.client)
            await #expect(throws: AuthError.self) { try await bed.signIn(attackerPassword) }
            guard case .signedIn = try await bed.signIn(ownerPassword) else { Issue.record("the owner must sign in"); return }
        },
        ContractCheck("a leftover sign-up code of an account verified by a reset mints no session") { f in
            let bed = try await Bed(f.subject)
            let signUp = try await bed.auth.signUp(email: email, password: attackerPassword, client: bed.client)
            let leftover = try await bed.code()
            let reset = try await bed.auth.passwordReset.request(email: email, client: bed.client)
            try await bed.auth.passwordReset.complete(
                id: reset.verificationID, code: try await bed.code(), newPassword: ownerPassword, client: bed.client)
            let error = await #expect(throws: AuthError.self) {
                try await bed.auth.verifyEmail(id: signUp.verificationID, code: leftover, client: bed.client)
            }
            #expect(error?.code == .invalidCode)
            await #expect(throws: AuthError.self) { try await bed.signIn(attackerPassword) }
        },
        ContractCheck("a sign-in checked just before a reset gets no session, and its rehash cannot undo the reset") { f in
            let bed = try await Bed(f.subject)
            let signUp = try await bed.auth.signUp(email: email, password: attackerPassword, client: bed.client)
            let signedUp = try await bed.auth.verifyEmail(id: signUp.verificationID, code: try await bed.code(), client: bed.client)
            // A hash with older parameters, so the sign-in will try to rehash it.
            var older = Argon2idPasswordHasher.Configuration.cheapForTests
            older.iterations = 2
            let legacy = try await Argon2idPasswordHasher(configuration: older).hash(attackerPassword)
            try await bed.deps.credentials.setPasswordHash(legacy, for: signedUp.user.id)

            bed.hasher.holdNextVerification()
            let racing = Task { try await bed.signIn(attackerPassword) }
            await bed.hasher.waitUntilHeld()
            // The owner resets while the attacker's sign-in sits between its check and its session.
            let reset = try await bed.auth.passwordReset.request(email: email, client: bed.client)
            try await bed.auth.passwordReset.complete(
                id: reset.verificationID, code: try await bed.code(), newPassword: ownerPassword, client: bed.client)
            bed.hasher.release()

            let outcome = await racing.result
            #expect((try? outcome.get()) == nil, "the racing sign-in must not get a session")
            #expect(try await bed.deps.sessions.activeSessions(of: signedUp.user.id, at: f.now()).isEmpty)
            await #expect(throws: AuthError.self) { try await bed.signIn(attackerPassword) }
            guard case .signedIn = try await bed.signIn(ownerPassword) else { Issue.record("the reset password must work"); return }
        },
        ContractCheck("twenty bans racing sign-ins leave no live session") { f in
            let bed = try await Bed(f.subject)
            for round in 0..<20 {
                let email = "banned-\(round)@example.com"
                let user = try await bed.account(email)
                // Even rounds put the ban exactly between the sign-in's password check and its
                // session; odd rounds let the two run freely against each other.
                let held = round % 2 == 0
                if held { bed.hasher.holdNextVerification() }
                let racing = Task { try await bed.auth.signIn(email: email, password: ownerPassword, client: bed.client) }
                if held { await bed.hasher.waitUntilHeld() }
                try await bed.auth.administration.setBanned(user.id, true)
                if held { bed.hasher.release() }
                if case .success(.signedIn(let signedIn)) = await racing.result {
                    await #expect(throws: AuthError.self, "round \(round): the token of a banned account works") {
                        try await bed.auth.authenticate(token: signedIn.token)
                    }
                }
                #expect(
                    try await bed.deps.sessions.activeSessions(of: user.id, at: f.now()).isEmpty,
                    "round \(round): a banned account kept a live session")
            }
        },
        ContractCheck("an account deleted while its sign-in is under way answers as an unknown account") { f in
            let bed = try await Bed(f.subject)
            let user = try await bed.account(email)
            bed.hasher.holdNextVerification()
            let racing = Task { try await bed.signIn(ownerPassword) }
            await bed.hasher.waitUntilHeld()
            try await bed.deps.eraser.erase(user, leaving: AuditEvent(kind: .accountDeleted, client: ClientContext(), at: f.now()))
            bed.hasher.release()
            let error = await #expect(throws: AuthError.self) { try await racing.value }
            #expect(error?.code == .invalidCredentials)
            #expect(try await bed.deps.sessions.activeSessions(of: user.id, at: f.now()).isEmpty)
            // Exactly what an address without an account answers.
            let unknown = await #expect(throws: AuthError.self) { try await bed.signIn(ownerPassword) }
            #expect(unknown?.code == .invalidCredentials)
        },
    ]
}
