import AuthCore
import AuthHashing
import AuthTesting
import Testing

@Suite struct SignUpFlowTests {
    @Test func signUpMailsASixDigitCodeAndVerifyingSignsIn() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "  Ada@Example.COM ", password: "correct horse battery", client: h.client)
        #expect(challenge.expiresAt == h.clock.now.addingTimeInterval(10 * 60))
        let code = try await h.code(for: "ada@example.com")
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        let signedIn = try await h.auth.verifyEmail(id: challenge.verificationID, code: code, client: h.client)
        #expect(signedIn.user.isEmailVerified)
        #expect(signedIn.user.email.value == "ada@example.com")
        #expect(signedIn.session.client == h.client)
        let auth = try await h.auth.authenticate(token: signedIn.token)
        #expect(auth.user.id == signedIn.user.id)
    }

    @Test func codeIsStoredOnlyAsAnHMAC() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        let row = try #require(try await h.deps.verifications.code(id: challenge.verificationID))
        #expect(row.codeHash.count == 32)
        #expect(row.codeHash != Array(code.utf8))
        #expect(row.purpose == .signUp)
    }

    @Test(arguments: ["short", String(repeating: "x", count: 129), ""])
    func passwordsOutsideEightTo128AreRefused(_ password: String) async throws {
        let h = try await TestHarness()
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signUp(email: "ada@example.com", password: password, client: h.client)
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func passwordLengthBoundsAreInclusive() async throws {
        let h = try await TestHarness()
        _ = try await h.auth.signUp(email: "a@example.com", password: String(repeating: "p", count: 8), client: h.client)
        _ = try await h.auth.signUp(email: "b@example.com", password: String(repeating: "é", count: 128), client: h.client)
    }

    @Test(arguments: ["not-an-email", "a@b", "a b@example.com", "a@example.com\r\nBcc: x@example.com", "@example.com"])
    func malformedEmailsAreRefused(_ email: String) async throws {
        let h = try await TestHarness()
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signUp(email: email, password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func signingUpAVerifiedAddressAgainAnswersAlikeAndWarnsTheOwner() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        let again = try await h.auth.signUp(email: "ADA@example.com", password: "another password", client: h.client)
        #expect(again.expiresAt == h.clock.now.addingTimeInterval(10 * 60))
        let mail = try #require(await h.mailbox.latest(to: first.user.email))
        guard case .signUpAttempted = mail.kind else { Issue.record("expected a warning mail, got \(mail.kind)"); return }
        // The decoy id redeems nothing, and the owner's password is unchanged.
        await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: again.verificationID, code: "123456", client: h.client)
        }
        let result = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        guard case .signedIn = result else { Issue.record("owner should still sign in"); return }
    }

    @Test func aRepeatSignUpNeitherReplacesThePendingPasswordNorCancelsItsCode() async throws {
        // The takeover: the owner signs up with P1, someone else signs the address up with P2.
        let h = try await TestHarness()
        let owner = try await h.auth.signUp(email: "ada@example.com", password: "owner password", client: h.client)
        let ownerCode = try await h.code(for: "ada@example.com")
        _ = try await h.auth.signUp(email: "ada@example.com", password: "attacker password", client: h.client)
        // The owner's own code still works and installs the owner's own password.
        _ = try await h.auth.verifyEmail(id: owner.verificationID, code: ownerCode, client: h.client)
        let refused = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "attacker password", client: h.client)
        }
        #expect(refused?.code == .invalidCredentials)
        guard case .signedIn = try await h.auth.signIn(email: "ada@example.com", password: "owner password", client: h.client)
        else { Issue.record("the owner's password should sign in"); return }
    }

    @Test func aSquattersEarlierSignUpNeverBlocksTheOwner() async throws {
        let h = try await TestHarness()
        let squatter = try await h.auth.signUp(email: "ada@example.com", password: "squatter password", client: h.client)
        let squatterCode = try await h.code(for: "ada@example.com")  // lands in the owner's mailbox
        let owner = try await h.auth.signUp(email: "ada@example.com", password: "owner password", client: h.client)
        _ = try await h.auth.verifyEmail(id: owner.verificationID, code: try await h.code(for: "ada@example.com"), client: h.client)
        // Once verified, every other pending sign-up is dead, even with its right code.
        let leftover = await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: squatter.verificationID, code: squatterCode, client: h.client)
        }
        #expect(leftover?.code == .invalidCode)
        await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "squatter password", client: h.client)
        }
        guard case .signedIn = try await h.auth.signIn(email: "ada@example.com", password: "owner password", client: h.client)
        else { Issue.record("the owner's password should sign in"); return }
    }

    @Test func anUnverifiedAccountSaysSoOnlyToAPasswordOfOneOfItsPendingSignUps() async throws {
        let h = try await TestHarness()
        _ = try await h.auth.signUp(email: "ada@example.com", password: "first password", client: h.client)
        _ = try await h.auth.signUp(email: "ada@example.com", password: "second password", client: h.client)
        for password in ["first password", "second password"] {
            let error = await #expect(throws: AuthError.self) {
                try await h.auth.signIn(email: "ada@example.com", password: password, client: h.client)
            }
            #expect(error?.code == .emailNotVerified)
        }
        let wrong = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "a guess", client: h.client)
        }
        #expect(wrong?.code == .invalidCredentials)
    }

    @Test func twentyConcurrentSignUpsWithOneEmailCreateOneUser() async throws {
        // A queue deep enough for all twenty: this test is about the race, not about overload.
        let pool = BlockingWorkPool.passwordHashing(threadCount: 2, queueLimit: 32)
        // And a mail budget large enough: the twenty sign-ups each mail a code to one address.
        var configuration = AuthConfiguration()
        configuration.abuse.mailsPerAddressAndNetwork = RateLimitPolicy(limit: 100, window: .seconds(600))
        configuration.abuse.mailsPerAddress = RateLimitPolicy(limit: 100, window: .seconds(600))
        let h = try await TestHarness(
            hasher: Argon2idPasswordHasher(configuration: TestHarness.cheapArgon, pool: pool), configuration: configuration)
        let auth = h.auth, client = h.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask { _ = try await auth.signUp(email: "race@example.com", password: "password \(i)xx", client: client) }
            }
            try await group.waitForAll()
        }
        #expect(try await h.deps.users.user(email: EmailAddress("race@example.com")) != nil)
    }
}
