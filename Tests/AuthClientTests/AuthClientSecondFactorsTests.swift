import AuthClient
import Foundation
import Testing

/// The second-factor wrappers (docs/api.md, "Second factors") against FakeAuthd's canned answers.
@Suite struct AuthClientSecondFactorsTests {
    @Test func statusDecodesEveryMethod() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let status = try await client.secondFactors()
        #expect(status.mfaEnabled && status.recoveryCodesLeft == 9)
        #expect(status.methods.map(\.type) == ["totp", "recovery_code"])
        #expect(status.methods[0].id == FakeAuthd.factorID && status.methods[0].lastUsedAt != nil)
        #expect(status.methods[1].id == nil && status.methods[1].createdAt == nil)
        let call = try #require(await authd.calls.first)
        #expect(call.method == "GET" && call.path == "/api/v1/auth/mfa" && call.body == nil)
        #expect(call.authorization == "Bearer a1")
    }

    @Test func anAuthenticatorAppIsStartedConfirmedAndRemoved() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        let enrolment = try await client.startAuthenticatorApp(name: "Phone")
        #expect(enrolment.id == FakeAuthd.factorID && enrolment.secret == "JBSWY3DPEHPK3PXP")
        #expect(enrolment.otpauthURI.hasPrefix("otpauth://totp/") && enrolment.qrSVG.hasPrefix("<svg"))
        #expect(enrolment.expiresAt == Date(timeIntervalSince1970: 1_796_627_400))
        let confirmed = try await client.confirmAuthenticatorApp(enrolment, code: "123456")
        #expect(confirmed.mfaEnabled && confirmed.recoveryCodes == ["aaaa-bbbb-cccc", "dddd-eeee-ffff"])
        try await client.removeAuthenticatorApp(id: enrolment.id)

        let calls = await authd.calls
        #expect(calls.map { "\($0.method) \($0.path)" } == [
            "POST /api/v1/auth/mfa/totp", "POST /api/v1/auth/mfa/totp/confirm", "DELETE /api/v1/auth/mfa/totp/\(FakeAuthd.factorID)",
        ])
        #expect(calls[0].body == ["name": "Phone"])
        #expect(calls[1].body == ["id": .string(FakeAuthd.factorID), "code": "123456"])
        #expect(calls[2].body == nil)
    }

    @Test func anAuthenticatorAppWithoutANameSendsNoBody() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        _ = try await client.startAuthenticatorApp()
        #expect(await authd.calls.first?.body == nil)
    }

    @Test func recoveryCodesAreRegenerated() async throws {
        let authd = FakeAuthd()
        let client = try await AuthClientTests.client(authd)
        #expect(try await client.regenerateRecoveryCodes() == ["1111-2222-3333", "4444-5555-6666"])
        let call = try #require(await authd.calls.first)
        #expect(call.method == "POST" && call.path == "/api/v1/auth/mfa/recovery-codes")
    }

    @Test func aRefusalIsAnAuthAPIErrorWithItsCode() async throws {
        let authd = FakeAuthd()
        await authd.refuse("POST /api/v1/auth/mfa/totp", status: 403, code: "reauthentication_required")
        await authd.refuse("POST /api/v1/auth/mfa/totp/confirm", status: 400, code: "invalid_code", message: "the code is invalid")
        let client = try await AuthClientTests.client(authd)
        let recent = await #expect(throws: AuthAPIError.self) { try await client.startAuthenticatorApp() }
        #expect(recent?.status == 403 && recent?.error == "reauthentication_required")
        let wrong = await #expect(throws: AuthAPIError.self) { try await client.confirmAuthenticatorApp(id: "x", code: "000000") }
        #expect(wrong?.error == "invalid_code" && wrong?.message == "the code is invalid")
        // Refusals of other routes keep the session.
        #expect(try await client.isSignedIn)
    }
}
