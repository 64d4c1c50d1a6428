import AuthCore
import AuthTesting
import Testing

@Suite struct MFAFlowTests {
    @Test func withMFAOnSignInMailsACodeAndTheCodeCompletesIt() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        let auth = try await h.auth.authenticate(token: first.token)
        #expect(try await h.auth.setMFA(auth, enabled: true, client: h.client))
        let result = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        guard case .mfaRequired(let challenge) = result else { Issue.record("expected MFA"); return }
        let mail = try #require(await h.mailbox.latest(to: first.user.email))
        guard case .signInCode(let code, let expiresAt) = mail.kind else { Issue.record("expected a sign-in code mail"); return }
        #expect(expiresAt == challenge.expiresAt)
        #expect(challenge.methods == [.email])
        let signedIn = try await h.auth.completeMFASignIn(id: challenge.verificationID, code: code, client: h.client)
        #expect(try await h.auth.authenticate(token: signedIn.token).mfaEnabled)
    }

    @Test func mfaChangeIsVisibleAtOnceThroughTheCache() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        let auth = try await h.auth.authenticate(token: first.token)
        #expect(auth.mfaEnabled == false)
        _ = try await h.auth.setMFA(auth, enabled: true, client: h.client)
        #expect(try await h.auth.authenticate(token: first.token).mfaEnabled)
        _ = try await h.auth.setMFA(auth, enabled: false, client: h.client)
        #expect(try await h.auth.authenticate(token: first.token).mfaEnabled == false)
    }

    @Test func wrongMFACodesAreLimited() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        _ = try await h.auth.setMFA(try await h.auth.authenticate(token: first.token), enabled: true, client: h.client)
        guard case .mfaRequired(let challenge) = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { Issue.record("expected MFA"); return }
        let code = try await h.code(for: "ada@example.com")
        for _ in 0..<5 {
            _ = try? await h.auth.completeMFASignIn(id: challenge.verificationID, code: TestHarness.wrong(code), client: h.client)
        }
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(id: challenge.verificationID, code: code, client: h.client)
        }
        #expect(error?.code == .tooManyAttempts)
    }
}
