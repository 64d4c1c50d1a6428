import AuthCore
import Foundation
import Testing

/// Account settings through AuthCore's flows on any ``AuthDependencies`` (docs/api.md), so the
/// in-memory adapters and PostgreSQL give the same answers: deletion leaves nothing of the user
/// but an anonymised record, and an address change cannot be won twice.
public enum AccountSettingsScenarios {
    static let password = "correct horse battery"

    struct Bed {
        let auth: AuthService
        let deps: AuthDependencies
        let mailbox = InMemoryMailbox()
        let client = ClientContext(ip: IPAddress("203.0.113.30"), userAgent: "scenario", clientName: "test")

        init(_ base: AuthDependencies) async throws {
            var deps = base
            deps.mailer = mailbox
            deps.hasher = Argon2idPasswordHasher(configuration: .cheapForTests)
            self.deps = deps
            auth = try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 5, count: 32), codeKey: Array(repeating: 6, count: 32))
        }

        func code(_ email: String) async throws -> String {
            try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
        }

        func registered(_ email: String) async throws -> SignedIn {
            let challenge = try await auth.signUp(email: email, password: AccountSettingsScenarios.password, client: client)
            return try await auth.verifyEmail(id: challenge.verificationID, code: try await code(email), client: client)
        }
    }

    static func unique(_ tag: String) -> String { "\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    /// Every scenario.
    public static let checks: [ContractCheck<AuthDependencies>] = [
        ContractCheck("a deleted account leaves only an anonymised record, and its address starts fresh") { f in
            let bed = try await Bed(f.subject)
            let email = unique("gone")
            let signedIn = try await bed.registered(email)
            let userID = signedIn.user.id
            let auth = try await bed.auth.authenticate(token: signedIn.token)
            try await bed.deps.oauthAccounts.link(OAuthAccount(
                provider: "google", subject: "sub-\(userID)", userID: userID, email: signedIn.user.email, createdAt: f.now()))
            let rp = OpenIDClient(
                id: "app-\(userID)", name: "App", secretHash: nil, redirectURIs: ["https://app.example.com/cb"], createdAt: f.now())
            try await bed.deps.openIDClients.insert(rp)
            let grant = OpenIDGrant(
                clientID: rp.id, userID: userID, sessionID: signedIn.session.id, scopes: ["openid"], createdAt: f.now())
            try await bed.deps.openIDGrants.insert(grant)
            try await bed.deps.openIDGrants.saveConsent(
                OpenIDConsent(userID: userID, clientID: rp.id, scopes: ["openid"], grantedAt: f.now()))
            let enrolment = try await bed.auth.totp.start(auth, client: bed.client)
            let app = try #require(TOTP(base32Secret: enrolment.secret))
            _ = try await bed.auth.totp.confirm(auth, id: enrolment.id, code: app.code(at: f.now()), client: bed.client)
            _ = try await bed.auth.passwordReset.request(email: email, client: bed.client)
            // The account has an app: deleting it needs the app's proof (a step-up).
            try await f.advance(.seconds(30))
            try await bed.auth.reauthenticate(auth, method: .totp, code: app.code(at: f.now()), client: bed.client)

            try await bed.auth.deleteAccount(try await bed.auth.authenticate(token: signedIn.token), client: bed.client)
            await #expect(throws: AuthError.self) { try await bed.auth.authenticate(token: signedIn.token) }
            #expect(try await bed.deps.users.user(id: userID) == nil)
            #expect(try await bed.deps.users.user(email: signedIn.user.email) == nil)
            #expect(try await bed.deps.credentials.passwordHash(for: userID) == nil)
            #expect(try await bed.deps.sessions.session(id: signedIn.session.id) == nil)
            #expect(try await bed.deps.oauthAccounts.accounts(of: userID).isEmpty)
            #expect(try await bed.deps.secondFactors.authenticators(of: userID).isEmpty)
            #expect(try await bed.deps.secondFactors.recoveryCodesLeft(of: userID) == 0)
            #expect(try await bed.deps.audit.events(of: userID, limit: 100).isEmpty)
            #expect(try await bed.deps.openIDGrants.grant(id: grant.id) == nil)
            #expect(try await bed.deps.openIDGrants.consents(of: userID).isEmpty)

            let again = try await bed.registered(email)
            #expect(again.user.id != userID)
            let fresh = try await bed.auth.secondFactorStatus(try await bed.auth.authenticate(token: again.token))
            #expect(fresh.mfaEnabled == false)
        },
        ContractCheck("a deletion erases its own history only, and keeps admin actions anonymised") { f in
            let bed = try await Bed(f.subject)
            let email = unique("leaving")
            let leaving = try await bed.registered(email)
            let other = try await bed.registered(unique("other"))
            let admin = try await bed.registered(unique("admin"))
            let at = f.now()
            // Someone who held the address before, an unknown-address failure, an admin's ban of
            // the leaving user, and the leaving user's own admin action on another account.
            let formerOwner = AuditEvent(
                kind: .signInSucceeded, userID: other.user.id, email: leaving.user.email, client: bed.client, at: at)
            let stranger = AuditEvent(kind: .signInFailed, email: leaving.user.email, client: bed.client, at: at)
            let banned = AuditEvent(
                kind: .userBanned, userID: leaving.user.id, actorID: admin.user.id, email: leaving.user.email,
                client: ClientContext(ip: IPAddress("198.51.100.7")), at: at)
            let asAdmin = AuditEvent(
                kind: .mfaReset, userID: other.user.id, actorID: leaving.user.id, email: other.user.email,
                client: bed.client, at: at)
            for event in [formerOwner, stranger, banned, asAdmin] { try await bed.deps.audit.record(event) }

            try await bed.auth.deleteAccount(try await bed.auth.authenticate(token: leaving.token), client: bed.client)

            #expect(try await bed.deps.audit.events(of: leaving.user.id, limit: 100).isEmpty)
            let othersHistory = try await bed.deps.audit.events(of: other.user.id, limit: 100)
            #expect(othersHistory.contains { $0.id == formerOwner.id })
            let kept = try #require(othersHistory.first { $0.id == asAdmin.id })
            #expect(kept.actorID == nil)
            let bans = try await bed.deps.directory.auditEvents(AuditQuery(kind: .userBanned), limit: 100).items
            let ban = try #require(bans.first { $0.id == banned.id }, "the record of the admin's action is gone")
            #expect(ban.userID == nil && ban.email == nil)
            #expect(ban.actorID == admin.user.id)
            let failures = try await bed.deps.directory.auditEvents(AuditQuery(kind: .signInFailed), limit: 100).items
            #expect(!failures.contains { $0.id == stranger.id })
        },
        ContractCheck("two users racing to claim one new address: exactly one wins") { f in
            let bed = try await Bed(f.subject)
            let target = unique("target")
            let a = try await bed.registered(unique("a"))
            let b = try await bed.registered(unique("b"))
            let authA = try await bed.auth.authenticate(token: a.token)
            let authB = try await bed.auth.authenticate(token: b.token)
            let challengeA = try await bed.auth.emailChange.request(authA, newEmail: target, client: bed.client)
            let codeA = try await bed.code(target)
            let challengeB = try await bed.auth.emailChange.request(authB, newEmail: target, client: bed.client)
            let codeB = try await bed.code(target)
            let client = bed.client
            let auth = bed.auth
            async let first = outcome { try await auth.emailChange.confirm(authA, id: challengeA.verificationID, code: codeA, client: client) }
            async let second = outcome { try await auth.emailChange.confirm(authB, id: challengeB.verificationID, code: codeB, client: client) }
            let outcomes = await [first, second]
            #expect(outcomes.count { (try? $0.get()) != nil } == 1)
            let loser = outcomes.compactMap { outcome -> AuthError? in
                if case .failure(let error) = outcome { return error as? AuthError }
                return nil
            }
            #expect(loser.map(\.code) == [.conflict])
            let holder = try #require(try await bed.deps.users.user(email: try EmailAddress(target)))
            #expect([a.user.id, b.user.id].contains(holder.id))
        },
    ]
}

/// The result of `body`, success or error.
private func outcome<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
