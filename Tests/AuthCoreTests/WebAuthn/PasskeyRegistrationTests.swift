@testable import AuthCore
import AuthTesting
import Foundation
import Testing

/// Adding a passkey (WebAuthn registration), on in-memory adapters: what a good authenticator
/// gets, and a refusal for each check a bad response fails.
@Suite struct PasskeyRegistrationTests {
    /// A fresh signed-in user's registration with an authenticator whose knobs `tweak` sets.
    static func register(
        _ tweak: (inout TestAuthenticator.Knobs) -> Void = { _ in },
        response edit: (inout RegistrationResponseJSON) -> Void = { _ in }
    ) async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        let options = try await h.auth.passkeyRegistration.options(auth)
        var authenticator = TestAuthenticator()
        tweak(&authenticator.knobs)
        var response = authenticator.register(options.options)
        edit(&response)
        _ = try await h.auth.passkeyRegistration.finish(auth, challengeID: options.challengeID, response: response, client: h.client)
    }

    @Test func theOptionsAreWhatABrowserParses() async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        let challenge = try await h.auth.passkeyRegistration.options(auth)
        let options = challenge.options
        #expect(options.rp.id == "localhost")
        #expect(options.challenge == challenge.challengeID)
        #expect(options.pubKeyCredParams.map(\.alg) == [-7, -8, -257])
        #expect(options.attestation == "none")
        #expect(options.authenticatorSelection.userVerification == "preferred")
        #expect(options.excludeCredentials.isEmpty)
        // The user handle is opaque: neither the address nor the account id.
        let handle = try #require(TestBase64URL.decode(options.user.id))
        #expect(handle.count == 32)
        #expect(!options.user.id.contains("ada"))
        #expect(options.user.name == "ada@example.com")
        // The same handle every time.
        #expect(try await h.auth.passkeyRegistration.options(auth).options.user.id == options.user.id)
    }

    @Test func aRegisteredPasskeyIsASecondFactorWithRecoveryCodesAndANotice() async throws {
        let h = try await TestHarness()
        let holder = try await PasskeyHolder(h)
        #expect(holder.passkey.name == "Laptop")
        #expect(holder.passkey.algorithm == -7)
        #expect(holder.passkey.credentialID == holder.authenticator.credentialID)
        #expect(holder.recoveryCodes?.count == 10)
        let auth = try await h.auth.authenticate(token: holder.session.token)
        #expect(auth.secondFactors.contains(.passkey))
        let status = try await h.auth.secondFactorStatus(auth)
        #expect(status.enrolments.map(\.method) == [.passkey])
        let notice = await h.mailbox.latest(to: try EmailAddress("ada@example.com"))
        #expect(notice?.kind == .secondFactorAdded(method: "passkey", at: h.clock.now))
        let events = try await h.deps.audit.events(of: holder.passkey.userID, limit: 10)
        #expect(events.contains { $0.kind == .mfaEnabled && $0.detail == "passkey" })
    }

    @Test func registrationNeedsARecentSignIn() async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        h.clock.advance(by: .seconds(11 * 60))
        let error = await #expect(throws: AuthError.self) { try await h.auth.passkeyRegistration.options(auth) }
        #expect(error?.code == .reauthenticationRequired)
    }

    @Test func anotherAttestationFormatIsAcceptedAsNone() async throws {
        // The statement is not verified (attestation policy `none`): a `packed` self-attestation
        // with a bogus signature registers like `none`, on its authenticator data alone.
        try await Self.register { knobs in
            knobs.attestationFormat = "packed"
            knobs.attestationStatement = .map([(.text("alg"), .int(-7)), (.text("sig"), .bytes([0x30, 0x00]))])
        }
    }

    @Test func aChallengeOfAnotherCeremonyIsRefused() async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        // Sign-in options carry a live challenge, but not one issued for a registration.
        let signIn = try await h.auth.passkeySignIn.options(email: nil)
        let creation = try await h.auth.passkeyRegistration.options(auth)
        var authenticator = TestAuthenticator()
        authenticator.knobs.challenge = signIn.challengeID
        let response = authenticator.register(creation.options)
        await expectRefusal(.challenge) {
            _ = try await h.auth.passkeyRegistration.finish(auth, challengeID: signIn.challengeID, response: response, client: h.client)
        }
    }

    @Test func aWrongOriginIsRefused() async throws {
        await expectRefusal(.origin) { try await Self.register { $0.origin = "https://evil.example" } }
    }

    @Test func aCrossOriginCallIsRefused() async throws {
        await expectRefusal(.origin) { try await Self.register { $0.crossOrigin = true } }
    }

    @Test func aWrongRelyingPartyIDHashIsRefused() async throws {
        await expectRefusal(.relyingParty) { try await Self.register { $0.rpID = "evil.example" } }
    }

    @Test func aWrongChallengeIsRefused() async throws {
        await expectRefusal(.challenge) { try await Self.register { $0.challenge = TestBase64URL.encode(Array(repeating: 1, count: 32)) } }
    }

    @Test func aWrongClientDataTypeIsRefused() async throws {
        await expectRefusal(.clientDataType) { try await Self.register { $0.type = "webauthn.get" } }
    }

    @Test func aMissingUserPresenceFlagIsRefused() async throws {
        await expectRefusal(.userPresence) { try await Self.register { $0.userPresent = false } }
    }

    @Test func aDisallowedAlgorithmIsRefused() async throws {
        // -36 is ES512: a valid COSE algorithm this relying party does not offer.
        await expectRefusal(.algorithm) { try await Self.register { $0.algorithm = -36 } }
    }

    @Test func aChallengeIsUsedOnceEvenByAFailedResponse() async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        let options = try await h.auth.passkeyRegistration.options(auth)
        var authenticator = TestAuthenticator()
        authenticator.knobs.origin = "https://evil.example"
        let refused = authenticator.register(options.options)
        await expectRefusal(.origin) {
            _ = try await h.auth.passkeyRegistration.finish(auth, challengeID: options.challengeID, response: refused, client: h.client)
        }
        authenticator.knobs.origin = "http://localhost:8080"
        let honest = authenticator.register(options.options)
        await expectRefusal(.challenge) {
            _ = try await h.auth.passkeyRegistration.finish(auth, challengeID: options.challengeID, response: honest, client: h.client)
        }
    }

    @Test func anExpiredChallengeIsRefused() async throws {
        let h = try await TestHarness()
        let auth = try await h.auth.authenticate(token: try await h.registered().token)
        let options = try await h.auth.passkeyRegistration.options(auth)
        h.clock.advance(by: .seconds(301))
        var authenticator = TestAuthenticator()
        await expectRefusal(.challenge) {
            _ = try await h.auth.passkeyRegistration.finish(
                auth, challengeID: options.challengeID, response: authenticator.register(options.options), client: h.client)
        }
    }

    @Test func aDuplicateCredentialIDIsRefused() async throws {
        let h = try await TestHarness()
        let shared = TestAuthenticator()
        _ = try await PasskeyHolder(h, email: "ada@example.com", authenticator: shared)
        // Another account presents the same credential id (a cloned or replayed registration).
        let error = await #expect(throws: AuthError.self) {
            _ = try await PasskeyHolder(h, email: "bob@example.com", authenticator: shared)
        }
        #expect(error?.code == .conflict)
    }

    @Test func truncatedCBORIsRefusedAsMalformed() async throws {
        await expectRefusal(.malformed) {
            try await Self.register(response: { response in
                let bytes = TestBase64URL.decode(response.response.attestationObject) ?? []
                response.response.attestationObject = TestBase64URL.encode(bytes.prefix(bytes.count - 10))
            })
        }
    }

    @Test func deeplyNestedCBORIsRefusedAsMalformed() async throws {
        await expectRefusal(.malformed) {
            try await Self.register(response: { response in
                response.response.attestationObject = TestBase64URL.encode(Array(repeating: UInt8(0x81), count: 5000) + [0])
            })
        }
    }

    @Test func aCredentialIDThatDoesNotMatchTheAttestedOneIsRefused() async throws {
        await expectRefusal(.attestedCredential) {
            try await Self.register(response: { response in
                response.rawId = TestBase64URL.encode(Array(repeating: 9, count: 16))
                response.id = response.rawId
            })
        }
    }
}
