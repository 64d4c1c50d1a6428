import AuthCore
import AuthTesting
import Testing

@Suite struct VerificationCodeTests {
    @Test func aCodeExpiresAfterTenMinutes() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        h.clock.advance(by: .seconds(10 * 60))
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: challenge.verificationID, code: code, client: h.client)
        }
        #expect(error?.code == .codeExpired)
    }

    @Test func aCodeStillWorksJustBeforeExpiry() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        h.clock.advance(by: .seconds(10 * 60 - 1))
        _ = try await h.auth.verifyEmail(id: challenge.verificationID, code: try await h.code(for: "ada@example.com"), client: h.client)
    }

    @Test func fiveWrongTriesKillTheCode() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        for _ in 0..<5 {
            let error = await #expect(throws: AuthError.self) {
                try await h.auth.verifyEmail(id: challenge.verificationID, code: TestHarness.wrong(code), client: h.client)
            }
            #expect(error?.code == .invalidCode)
        }
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: challenge.verificationID, code: code, client: h.client)
        }
        #expect(error?.code == .tooManyAttempts)
    }

    @Test func aCodeIsSingleUse() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        _ = try await h.auth.verifyEmail(id: challenge.verificationID, code: code, client: h.client)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: challenge.verificationID, code: code, client: h.client)
        }
        #expect(error?.code == .invalidCode)
    }

    @Test func tenConcurrentCorrectSubmissionsCreateExactlyOneSession() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        let auth = h.auth, client = h.client
        let sessions = await withTaskGroup(of: SignedIn?.self) { group in
            for _ in 0..<10 {
                group.addTask { try? await auth.verifyEmail(id: challenge.verificationID, code: code, client: client) }
            }
            return await group.compactMap { $0 }.reduce(into: [SignedIn]()) { $0.append($1) }
        }
        #expect(sessions.count == 1)
        let user = try #require(sessions.first?.user)
        #expect(try await h.deps.sessions.activeSessions(of: user.id, at: h.clock.now).count == 1)
    }

    @Test func aResendReplacesTheEarlierResendButNoOnesPendingSignUp() async throws {
        let h = try await TestHarness()
        let signUp = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let signUpCode = try await h.code(for: "ada@example.com")
        let first = try await h.auth.resendVerification(email: "ada@example.com", client: ClientContext())
        let firstCode = try await h.code(for: "ada@example.com")
        let second = try await h.auth.resendVerification(email: "ada@example.com", client: ClientContext())
        #expect(second.verificationID != first.verificationID)
        let replaced = await #expect(throws: AuthError.self) {
            try await h.auth.verifyEmail(id: first.verificationID, code: firstCode, client: h.client)
        }
        #expect(replaced?.code == .invalidCode)
        // The sign-up's own code still works, and installs the sign-up's own password.
        _ = try await h.auth.verifyEmail(id: signUp.verificationID, code: signUpCode, client: h.client)
        guard case .signedIn = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { Issue.record("the sign-up's password should work"); return }
    }

    @Test func aResentCodeVerifiesTheAddressButInstallsNoPassword() async throws {
        let h = try await TestHarness()
        _ = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let resent = try await h.auth.resendVerification(email: "ada@example.com", client: ClientContext())
        let signedIn = try await h.auth.verifyEmail(id: resent.verificationID, code: try await h.code(for: "ada@example.com"), client: h.client)
        #expect(try await h.auth.authenticate(token: signedIn.token).user.isEmailVerified)
        // A resend cannot know whose sign-up it answered, so no pending password was installed.
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .invalidCredentials)
    }

    @Test func aPasswordOutsideThePolicyIsRefusedBeforeTheCodeIsSpent() async throws {
        let h = try await TestHarness()
        _ = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let resent = try await h.auth.resendVerification(email: "ada@example.com", client: ClientContext())
        let code = try await h.code(for: "ada@example.com")
        let short = await #expect(throws: AuthError.self) {
            _ = try await h.auth.verifyEmail.verify(id: resent.verificationID, code: code, password: "short", client: h.client)
        }
        #expect(short?.code == .invalidRequest)
        // The same code still verifies, with a password that fits.
        let verified = try await h.auth.verifyEmail.verify(
            id: resent.verificationID, code: code, password: "another good password", client: h.client)
        #expect(verified.passwordSet)
        guard case .signedIn = try await h.auth.signIn(email: "ada@example.com", password: "another good password", client: h.client)
        else { Issue.record("the password sent with the code should work"); return }
    }

    @Test func resendForUnknownOrVerifiedAddressesAnswersAlikeAndSendsNothing() async throws {
        let h = try await TestHarness()
        try await h.registered()
        let before = await h.mailbox.messages.count
        let unknown = try await h.auth.resendVerification(email: "nobody@example.com", client: ClientContext())
        let verified = try await h.auth.resendVerification(email: "ada@example.com", client: ClientContext())
        #expect(unknown.expiresAt == verified.expiresAt)
        #expect(await h.mailbox.messages.count == before)
    }

    @Test func aCodeForOnePurposeDoesNotWorkForAnother() async throws {
        let h = try await TestHarness()
        try await h.registered()
        let reset = try await h.auth.passwordReset.request(email: "ada@example.com", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(id: reset.verificationID, code: code, client: h.client)
        }
        #expect(error?.code == .invalidCode)
    }

    @Test func codesAreUniformSixDigitStrings() {
        let random = SeededRandomSource(seed: 1)
        let codes = (0..<2000).map { _ in random.digits(6) }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        #expect(Set(codes).count > 1990)
        #expect(codes.contains { $0.hasPrefix("0") })
    }
}
