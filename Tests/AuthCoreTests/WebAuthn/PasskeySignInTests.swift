@testable import AuthCore
import AuthWebAuthn
import AuthTesting
import Foundation
import Testing

/// Signing in with a passkey, as the only factor and as the second, on in-memory adapters; a
/// refusal for each check a bad assertion fails.
@Suite struct PasskeySignInTests {
    @Test func aVerifiedPasskeySignsInWithoutAnAddressAtAAL2() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let signedIn = try await holder.signIn()
        #expect(signedIn.user.email.value == "ada@example.com")
        #expect(signedIn.session.aal == 2)
        #expect(signedIn.session.amr == ["hwk", "mfa"])
        let stored = try #require(try await holder.h.deps.passkeys.passkey(credentialID: holder.authenticator.credentialID))
        #expect(stored.signCount == 1)
        #expect(stored.lastUsedAt == holder.h.clock.now)
    }

    @Test func anAddressListsThatAccountsPasskeys() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let options = try await holder.h.auth.passkeySignIn.options(email: "ADA@example.com")
        #expect(options.options.allowCredentials.map(\.id) == [holder.authenticator.credentialIDText])
        #expect(options.options.rpId == "localhost")
        let signedIn = try await holder.h.auth.passkeySignIn.finish(
            challengeID: options.challengeID, response: holder.authenticator.assert(options.options), client: holder.h.client)
        #expect(signedIn.user.id == holder.passkey.userID)
        #expect(options.options.userVerification == "required")
    }

    @Test func anAddressWithoutPasskeysGetsAStableMadeUpCredentialShapedLikeARealOne() async throws {
        let holder = try await PasskeyHolder(try await TestHarness())
        let real = try await holder.h.auth.passkeySignIn.options(email: "ada@example.com").options.allowCredentials
        let first = try await holder.h.auth.passkeySignIn.options(email: "nobody@example.com")
        let again = try await holder.h.auth.passkeySignIn.options(email: "nobody@example.com")
        #expect(first.options.allowCredentials == again.options.allowCredentials)
        #expect(first.options.allowCredentials[0].id != holder.authenticator.credentialIDText)
        #expect(first.challengeID != again.challengeID)
        // What an enumerating client can compare: how many, how long, which transports.
        let decoy = first.options.allowCredentials
        #expect(decoy.count == real.count)
        #expect(decoy.map(\.id.count) == real.map(\.id.count))
        #expect(decoy.map { Set($0.transports ?? []) } == real.map { Set($0.transports ?? []) })
        #expect(first.options.userVerification == "required")
    }

    @Test func aPasskeyWithoutUserVerificationGetsNoSession() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        holder.authenticator.knobs.userVerified = false
        // A stolen security key without a PIN is one possession factor: never a session alone,
        // even on an account with no other second factor.
        await expectRefusal(.userVerification) { _ = try await holder.signIn() }
    }

    @Test func aPasskeyWithoutUserVerificationOpensNoChallengeAndMailsNothing() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let auth = try await holder.h.auth.authenticate(token: holder.session.token)
        _ = try await holder.h.auth.setMFA(auth, enabled: true, client: holder.h.client)
        let mailsBefore = await holder.h.mailbox.messages.count
        holder.authenticator.knobs.userVerified = false
        await expectRefusal(.userVerification) { _ = try await holder.signIn() }
        #expect(await holder.h.mailbox.messages.count == mailsBefore)
    }

    @Test func theVerifierRefusesAMissingUVFlagWhenUVIsRequired() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        holder.authenticator.knobs.userVerified = false
        let options = try await holder.h.auth.passkeySignIn.options(email: nil)
        let verifier = WebAuthnVerifier(configuration: WebAuthnConfiguration())
        #expect(throws: WebAuthnFailure.userVerification) {
            try verifier.verifyAssertion(
                holder.authenticator.assert(options.options), challenge: options.challengeID, passkey: holder.passkey,
                requireUserVerification: true)
        }
    }

    @Test func aPasskeyIsTheSecondFactorAfterAPassword() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let h = holder.h
        guard case .mfaRequired(let challenge) = try await h.auth.signIn(
            email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { throw AuthError(.internal, "expected mfa_required") }
        #expect(challenge.methods == [.passkey, .recoveryCode])
        let options = try await h.auth.passkeySignIn.secondFactorOptions(id: challenge.verificationID)
        #expect(options.options.allowCredentials.map(\.id) == [holder.authenticator.credentialIDText])
        holder.authenticator.knobs.userVerified = false  // presence is enough after a password
        let signedIn = try await h.auth.completeMFASignIn(
            id: challenge.verificationID, code: PasskeyHolder.text(holder.authenticator.assert(options.options)),
            method: .passkey, client: h.client)
        #expect(signedIn.session.aal == 2)
        #expect(signedIn.session.amr == ["pwd", "hwk", "mfa"])
    }

    @Test func aSecondFactorAssertionForAnotherChallengeIsAWrongCode() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let h = holder.h
        guard case .mfaRequired(let challenge) = try await h.auth.signIn(
            email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { throw AuthError(.internal, "expected mfa_required") }
        // Options of a sign-in ceremony, not of this MFA challenge.
        let signInOptions = try await h.auth.passkeySignIn.options(email: nil)
        let error = await #expect(throws: AuthError.self) {
            _ = try await h.auth.completeMFASignIn(
                id: challenge.verificationID, code: PasskeyHolder.text(holder.authenticator.assert(signInOptions.options)),
                method: .passkey, client: h.client)
        }
        #expect(error?.code == .invalidCode)
    }

    @Test func reauthenticatingWithAPasskeyRaisesTheSessionToAAL2() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        #expect(try await holder.h.auth.authenticate(token: holder.session.token).session.aal == 1)
        #expect(try await holder.stepUp().session.aal == 2)
    }

    @Test func reauthenticatingWithAPasskeyNeedsUserVerification() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        holder.authenticator.knobs.userVerified = false
        // A password session cannot step itself up with a key that only shows presence.
        let error = await #expect(throws: AuthError.self) { _ = try await holder.stepUp() }
        #expect(error?.code == .invalidCode)
        #expect(try await holder.h.auth.authenticate(token: holder.session.token).session.aal == 1)
    }

    // MARK: refusals

    static func refused(_ failure: WebAuthnFailure, _ tweak: (inout TestAuthenticator.Knobs) -> Void) async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        tweak(&holder.authenticator.knobs)
        await expectRefusal(failure) { _ = try await holder.signIn() }
    }

    @Test func aWrongOriginIsRefused() async throws {
        try await Self.refused(.origin) { $0.origin = "http://localhost:9999" }
    }

    @Test func aWrongRelyingPartyIDHashIsRefused() async throws {
        try await Self.refused(.relyingParty) { $0.rpID = "example.com" }
    }

    @Test func aWrongChallengeIsRefused() async throws {
        try await Self.refused(.challenge) { $0.challenge = TestBase64URL.encode(Array(repeating: 2, count: 32)) }
    }

    @Test func aWrongClientDataTypeIsRefused() async throws {
        try await Self.refused(.clientDataType) { $0.type = "webauthn.create" }
    }

    @Test func aMissingUserPresenceFlagIsRefused() async throws {
        try await Self.refused(.userPresence) { $0.userPresent = false }
    }

    @Test func aBadSignatureIsRefused() async throws {
        try await Self.refused(.signature) { $0.corruptSignature = true }
    }

    @Test func aDiscoverableSignInWithoutAUserHandleIsRefused() async throws {
        try await Self.refused(.userHandle) { $0.userHandle = .some(nil) }
    }

    @Test func aChallengeIsUsedOnce() async throws {
        var holder = try await PasskeyHolder(try await TestHarness())
        let h = holder.h
        let options = try await h.auth.passkeySignIn.options(email: nil)
        let response = holder.authenticator.assert(options.options)
        _ = try await h.auth.passkeySignIn.finish(challengeID: options.challengeID, response: response, client: h.client)
        await expectRefusal(.challenge) {
            _ = try await h.auth.passkeySignIn.finish(challengeID: options.challengeID, response: response, client: h.client)
        }
    }

    @Test func theUserHandleOfAnotherUserIsRefused() async throws {
        let h = try await TestHarness()
        var ada = try await PasskeyHolder(h, email: "ada@example.com")
        let bob = try await PasskeyHolder(h, email: "bob@example.com")
        // Ada's credential claiming to be Bob's account.
        ada.authenticator.knobs.userHandle = .some(bob.authenticator.userHandle)
        await expectRefusal(.userHandle) { _ = try await ada.signIn() }
    }

    @Test func anotherAccountsCredentialIsRefusedForAnAddress() async throws {
        let h = try await TestHarness()
        var ada = try await PasskeyHolder(h, email: "ada@example.com")
        _ = try await PasskeyHolder(h, email: "bob@example.com")
        let options = try await h.auth.passkeySignIn.options(email: "bob@example.com")
        await expectRefusal(.unknownCredential) {
            _ = try await h.auth.passkeySignIn.finish(
                challengeID: options.challengeID, response: ada.authenticator.assert(options.options), client: h.client)
        }
    }

    @Test func aSignCountGoingBackwardsIsRefused() async throws {
        var holder = try await PasskeyHolder(try await TestHarness(), authenticator: TestAuthenticator(signCount: 5))
        _ = try await holder.signIn()  // counter 6 stored
        holder.authenticator.signCount = 3  // a clone that lags behind: reports 4
        await expectRefusal(.signCount) { _ = try await holder.signIn() }
    }

    @Test func aSignCountThatDoesNotMoveIsRefused() async throws {
        var holder = try await PasskeyHolder(try await TestHarness(), authenticator: TestAuthenticator(signCount: 5))
        _ = try await holder.signIn()  // counter 6 stored
        holder.authenticator.counts = false  // reports 6 again
        await expectRefusal(.signCount) { _ = try await holder.signIn() }
    }

    @Test func aSyncedPasskeyReportingZeroIsAccepted() async throws {
        var synced = TestAuthenticator(signCount: 0)
        synced.counts = false
        synced.knobs.backupEligible = true
        synced.knobs.backedUp = true
        var holder = try await PasskeyHolder(try await TestHarness(), authenticator: synced)
        #expect(holder.passkey.backupEligible)
        for _ in 0..<3 { _ = try await holder.signIn() }
    }

    @Test func aCloneClaimingBackupEligibilityToEscapeTheCounterIsRefused() async throws {
        var holder = try await PasskeyHolder(try await TestHarness(), authenticator: TestAuthenticator(signCount: 5))
        _ = try await holder.signIn()  // counter 6 stored; registered without BE
        holder.authenticator.counts = false
        holder.authenticator.knobs.backupEligible = true
        await expectRefusal(.backupEligibility) { _ = try await holder.signIn() }
    }

    @Test func aCounterlessAuthenticatorReportingZeroIsAccepted() async throws {
        var plain = TestAuthenticator(signCount: 0)
        plain.counts = false
        var holder = try await PasskeyHolder(try await TestHarness(), authenticator: plain)
        for _ in 0..<3 { _ = try await holder.signIn() }
    }
}
