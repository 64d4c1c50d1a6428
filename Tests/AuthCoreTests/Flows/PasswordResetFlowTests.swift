import AuthCore
import AuthTesting
import Testing

@Suite struct PasswordResetFlowTests {
    @Test func resetSetsTheNewPasswordEndsEverySessionAndMailsANotice() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        let challenge = try await h.auth.passwordReset.request(email: "ada@example.com", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        try await h.auth.passwordReset.complete(id: challenge.verificationID, code: code, newPassword: "brand new secret", client: h.client)
        await #expect(throws: AuthError.self) { try await h.auth.authenticate(token: first.token) }
        await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        _ = try await h.auth.signIn(email: "ada@example.com", password: "brand new secret", client: h.client)
        let notice = try #require(await h.mailbox.latest(to: first.user.email))
        guard case .passwordChanged = notice.kind else { Issue.record("expected a password-changed mail"); return }
    }

    @Test func resetForAnUnknownAddressAnswersAlikeAndSendsNothing() async throws {
        let h = try await TestHarness()
        let challenge = try await h.auth.passwordReset.request(email: "ghost@example.com", client: h.client)
        #expect(challenge.expiresAt == h.clock.now.addingTimeInterval(600))
        #expect(await h.mailbox.messages.isEmpty)
    }

    @Test func aWeakNewPasswordIsRefusedWithoutSpendingTheCode() async throws {
        let h = try await TestHarness()
        try await h.registered()
        let challenge = try await h.auth.passwordReset.request(email: "ada@example.com", client: h.client)
        let code = try await h.code(for: "ada@example.com")
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.passwordReset.complete(id: challenge.verificationID, code: code, newPassword: "short", client: h.client)
        }
        #expect(error?.code == .invalidRequest)
        try await h.auth.passwordReset.complete(id: challenge.verificationID, code: code, newPassword: "long enough now", client: h.client)
    }
}
