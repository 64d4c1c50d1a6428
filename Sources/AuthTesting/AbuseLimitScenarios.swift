import AuthCore
import Foundation
import Testing

/// The abuse limits of docs/api.md, "Rate limits", through AuthCore alone (no HTTP), on any
/// ``RateLimiter``. The subject makes limiters: each scenario runs two AuthService instances over
/// shared stores, each with its own limiter from the factory (for Redis: two clients of one
/// server, as two authd instances would be), and alternates requests between them.
public enum AbuseLimitScenarios {
    /// Two services, shared stores, limiters from the subject.
    struct Bed {
        let instances: [AuthService]
        let mailbox = InMemoryMailbox()
        /// The credential store every instance reads, which can be made to fail.
        let credentials: OutageCredentialStore

        init(_ makeLimiter: @Sendable () async throws -> any RateLimiter, clock: ManualClock) async throws {
            var deps = AuthDependencies.inMemory(
                mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
            credentials = OutageCredentialStore(deps.credentials)
            deps.credentials = credentials
            var services: [AuthService] = []
            for _ in 0..<2 {
                deps.rateLimiter = try await makeLimiter()
                services.append(try await AuthService(
                    dependencies: deps, jwtSecret: Array(repeating: 3, count: 32), codeKey: Array(repeating: 4, count: 32)))
            }
            instances = services
        }

        /// The service a request number `n` lands on (round robin).
        func on(_ n: Int) -> AuthService { instances[n % instances.count] }

        static func client(_ ip: String) -> ClientContext { ClientContext(ip: IPAddress(ip), clientName: "scenario") }

        /// A verified account with `password`, signed up and verified from `ip`.
        func account(_ email: String, password: String, from ip: String) async throws -> SignedIn {
            let challenge = try await on(0).signUp(email: email, password: password, client: Self.client(ip))
            let code = try #require(await mailbox.latest(to: try EmailAddress(email))?.code)
            return try await on(1).verifyEmail(id: challenge.verificationID, code: code, client: Self.client(ip))
        }

        func mails(to email: String) async throws -> Int {
            let address = try EmailAddress(email)
            return await mailbox.messages.filter { $0.to == address }.count
        }
    }

    static func unique(_ tag: String) -> String { "\(tag)-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    static func expectRateLimited(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        let error = await #expect(throws: AuthError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.code == .rateLimited, sourceLocation: sourceLocation)
        #expect((error?.retryAfter ?? .zero) > .zero, sourceLocation: sourceLocation)
    }

    /// Every scenario.
    public static let checks: [ContractCheck<@Sendable () async throws -> any RateLimiter>] = [
        ContractCheck("every path that mails a code shares one budget per address and network") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("mail")
            let here = Bed.client("198.51.100.10")
            _ = try await bed.on(0).signUp(email: email, password: "correct horse battery", client: here)
            _ = try await bed.on(1).resendVerification(email: email, client: here)
            _ = try await bed.on(0).passwordReset.request(email: email, client: here)
            _ = try await bed.on(1).signUp(email: email, password: "another long password", client: here)
            _ = try await bed.on(0).resendVerification(email: email, client: here)
            await expectRateLimited { _ = try await bed.on(1).passwordReset.request(email: email, client: here) }
            // Unknown addresses are counted alike (no enumeration through the limit).
            let nobody = unique("nobody")
            for n in 0..<5 { _ = try await bed.on(n).passwordReset.request(email: nobody, client: here) }
            await expectRateLimited { _ = try await bed.on(1).resendVerification(email: nobody, client: here) }
        },
        ContractCheck("correct-password sign-ins from many networks mail an MFA account at most the budget") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("grind")
            let owner = try await bed.account(email, password: "correct horse battery", from: "192.0.2.1")
            _ = try await bed.on(0).setMFA(try await bed.on(0).authenticate(token: owner.token), enabled: true, client: Bed.client("192.0.2.1"))
            let before = try await bed.mails(to: email)
            var refused = 0
            for n in 1...15 {
                do {
                    _ = try await bed.on(n).signIn(email: email, password: "correct horse battery", client: Bed.client("203.0.113.\(n)"))
                } catch let error as AuthError where error.code == .rateLimited {
                    refused += 1
                }
            }
            // Networks that never signed in share five mails, and the sign-up (made before its
            // network was known) already used one of them.
            #expect(try await bed.mails(to: email) - before == 4)
            #expect(refused == 11)
            // The owner's own network signed in before: it still gets a code.
            guard case .mfaRequired = try await bed.on(0).signIn(email: email, password: "correct horse battery", client: Bed.client("192.0.2.1"))
            else { Issue.record("the owner's network should get a challenge"); return }
        },
        ContractCheck("wrong second-factor codes stop at the per-account cap across challenges") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("2fa")
            let here = Bed.client("192.0.2.7")
            let owner = try await bed.account(email, password: "correct horse battery", from: "192.0.2.7")
            _ = try await bed.on(0).setMFA(try await bed.on(1).authenticate(token: owner.token), enabled: true, client: here)
            for round in 0..<2 {
                guard case .mfaRequired(let challenge) = try await bed.on(round).signIn(email: email, password: "correct horse battery", client: here)
                else { Issue.record("expected a challenge"); return }
                let code = try #require(await bed.mailbox.latest(to: try EmailAddress(email))?.code)
                let wrong = code == "000000" ? "111111" : "000000"
                for n in 0..<5 { _ = try? await bed.on(n).completeMFASignIn(id: challenge.verificationID, code: wrong, client: here) }
            }
            guard case .mfaRequired(let third) = try await bed.on(0).signIn(email: email, password: "correct horse battery", client: here)
            else { Issue.record("expected a challenge"); return }
            let code = try #require(await bed.mailbox.latest(to: try EmailAddress(email))?.code)
            // Ten wrong answers this hour: even the right code of a fresh challenge waits.
            await expectRateLimited { _ = try await bed.on(1).completeMFASignIn(id: third.verificationID, code: code, client: here) }
        },
        ContractCheck("password failures stop per account and network, and sprays from new networks stop account-wide, but not the owner") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("spray")
            _ = try await bed.account(email, password: "correct horse battery", from: "192.0.2.9")  // signs in from .9
            // One attacker network: five wrong guesses, then even the right password is refused.
            let attacker = Bed.client("198.51.100.66")
            for n in 0..<5 { await #expect(throws: AuthError.self) { _ = try await bed.on(n).signIn(email: email, password: "guess \(n)", client: attacker) } }
            await expectRateLimited { _ = try await bed.on(1).signIn(email: email, password: "correct horse battery", client: attacker) }
            // A spray from many new networks, one guess each, stops at the account-wide ceiling.
            for n in 0..<15 {
                await #expect(throws: AuthError.self) {
                    _ = try await bed.on(n).signIn(email: email, password: "spray \(n)", client: Bed.client("203.0.113.\(n + 1)"))
                }
            }
            await expectRateLimited { _ = try await bed.on(0).signIn(email: email, password: "spray", client: Bed.client("203.0.113.99")) }
            // The owner's network signed in before: the owner is not locked out.
            guard case .signedIn = try await bed.on(1).signIn(email: email, password: "correct horse battery", client: Bed.client("192.0.2.9"))
            else { Issue.record("the owner should sign in"); return }
        },
        ContractCheck("only wrong passwords count: parallel correct sign-ins and a database blip never lock the owner out, five wrong passwords do") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("owner")
            _ = try await bed.account(email, password: "correct horse battery", from: "192.0.2.20")
            // From a network that never signed in, so both the network's and the account-wide
            // budgets are charged.
            let phone = Bed.client("198.51.100.20")
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for n in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await bed.on(n).signIn(email: email, password: "correct horse battery", client: phone)
                            return "signed_in"
                        } catch let error as AuthError { return error.code.rawValue }
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(outcomes).isSubset(of: ["signed_in", "rate_limited"]), "\(outcomes)")
            #expect(outcomes.contains("signed_in"), "no correct sign-in got through: \(outcomes)")
            // The database stops answering while the owner retries the right password.
            bed.credentials.failNextReads(8)
            for n in 0..<8 {
                let error = await #expect(throws: AuthError.self) {
                    _ = try await bed.on(n).signIn(email: email, password: "correct horse battery", client: phone)
                }
                #expect(error?.code == .unavailable)
            }
            guard case .signedIn = try await bed.on(0).signIn(email: email, password: "correct horse battery", client: phone)
            else { Issue.record("the owner should sign in once the database is back"); return }
            // Wrong passwords still count: five from one network, then even the right one waits.
            let guesser = Bed.client("198.51.100.21")
            for n in 0..<5 {
                let error = await #expect(throws: AuthError.self) {
                    _ = try await bed.on(n).signIn(email: email, password: "guess \(n)", client: guesser)
                }
                #expect(error?.code == .invalidCredentials)
            }
            await expectRateLimited { _ = try await bed.on(1).signIn(email: email, password: "correct horse battery", client: guesser) }
            await expectRateLimited { _ = try await bed.on(0).signIn(email: email, password: "correct horse battery", client: guesser) }
        },
        ContractCheck("IPv6 clients are counted per /64") { f in
            let bed = try await Bed(f.subject, clock: ManualClock())
            let email = unique("v6")
            _ = try await bed.account(email, password: "correct horse battery", from: "192.0.2.50")
            for n in 0..<5 {
                await #expect(throws: AuthError.self) {
                    _ = try await bed.on(n).signIn(email: email, password: "guess \(n)", client: Bed.client("2001:db8:aa:bb::\(n + 1)"))
                }
            }
            // Another address in the same /64 shares the bucket…
            await expectRateLimited {
                _ = try await bed.on(0).signIn(email: email, password: "correct horse battery", client: Bed.client("2001:db8:aa:bb:ffff::1"))
            }
            // …and the neighbouring /64 has its own.
            guard case .signedIn = try await bed.on(1).signIn(
                email: email, password: "correct horse battery", client: Bed.client("2001:db8:aa:bc::1"))
            else { Issue.record("another /64 should not be limited"); return }
        },
    ]
}
