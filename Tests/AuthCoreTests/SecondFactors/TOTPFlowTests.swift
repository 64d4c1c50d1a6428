@testable import AuthCore
import AuthTesting
import Foundation
import Testing

/// Authenticator apps and recovery codes through the flows (docs/api.md, "Second factors"), on in-memory
/// adapters with a manual clock.
@Suite struct TOTPFlowTests {
    static let password = "correct horse battery"

    /// A harness with a signed-in user who has confirmed one authenticator app.
    struct Enrolled {
        let h: TestHarness
        let session: SignedIn
        let app: TOTP
        let authenticatorID: AuthenticatorID
        let recoveryCodes: [String]

        init(configuration: AuthConfiguration = AuthConfiguration()) async throws {
            h = try await TestHarness(configuration: configuration)
            session = try await h.registered()
            let auth = try await h.auth.authenticate(token: session.token)
            let enrolment = try await h.auth.totp.start(auth, name: "Phone", client: h.client)
            app = try #require(TOTP(base32Secret: enrolment.secret))
            authenticatorID = enrolment.id
            recoveryCodes = try #require(
                try await h.auth.totp.confirm(auth, id: enrolment.id, code: app.code(at: h.clock.now), client: h.client))
            // The confirming code's step is spent; later codes come from later steps.
            h.clock.advance(by: .seconds(30))
        }

        /// A password sign-in that must stop at the second factor.
        func challenge() async throws -> MFAChallenge {
            guard case .mfaRequired(let challenge) = try await h.auth.signIn(
                email: "ada@example.com", password: TOTPFlowTests.password, client: h.client)
            else { throw AuthError(.internal, "expected mfa_required") }
            return challenge
        }

        /// Proves the app again on the enrolling session (the step-up changes to factors need);
        /// the code's step is then spent, so the clock moves on a step.
        func stepUp() async throws -> Authenticated {
            try await h.auth.reauthenticate(
                try await h.auth.authenticate(token: session.token), method: .totp, code: app.code(at: h.clock.now),
                client: h.client)
            h.clock.advance(by: .seconds(30))
            return try await h.auth.authenticate(token: session.token)
        }

        func complete(_ challenge: MFAChallenge, _ code: String, _ method: SecondFactorMethod) async throws -> SignedIn {
            try await h.auth.completeMFASignIn(id: challenge.verificationID, code: code, method: method, client: h.client)
        }
    }

    @Test func passwordSignInAsksForTheAppAndTheSessionIsAAL2() async throws {
        let e = try await Enrolled()
        let mailsBefore = await e.h.mailbox.messages.count
        let challenge = try await e.challenge()
        #expect(challenge.methods == [.totp, .recoveryCode])
        // No email method: nothing is mailed.
        #expect(await e.h.mailbox.messages.count == mailsBefore)
        let signedIn = try await e.complete(challenge, e.app.code(at: e.h.clock.now), .totp)
        #expect(signedIn.session.aal == 2)
        #expect(signedIn.session.amr == ["pwd", "otp", "mfa"])
        let auth = try await e.h.auth.authenticate(token: signedIn.token)
        #expect(auth.session.aal == 2)
        #expect(auth.secondFactors == [.totp, .recoveryCode])
    }

    @Test func theTokenCarriesAMRAndAAL() async throws {
        let e = try await Enrolled()
        let signedIn = try await e.complete(try await e.challenge(), e.app.code(at: e.h.clock.now), .totp)
        let payload = try #require(signedIn.token.split(separator: ".").dropFirst().first)
        let json = try #require(Base64URL.decode(String(payload)))
        let claims = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(claims["amr"] as? [String] == ["pwd", "otp", "mfa"])
        #expect(claims["aal"] as? Int == 2)
    }

    @Test func aCodeIsAcceptedOnceInItsWindow() async throws {
        let e = try await Enrolled()
        let code = e.app.code(at: e.h.clock.now)
        _ = try await e.complete(try await e.challenge(), code, .totp)
        let replay = await #expect(throws: AuthError.self) { try await e.complete(try await e.challenge(), code, .totp) }
        #expect(replay?.code == .invalidCode)
        // The next step's code is a new code.
        e.h.clock.advance(by: .seconds(30))
        _ = try await e.complete(try await e.challenge(), e.app.code(at: e.h.clock.now), .totp)
    }

    @Test(arguments: [(-1, true), (1, true), (-2, false), (2, false)] as [(Int, Bool)])
    func oneStepOfClockDriftIsAcceptedTwoAreNot(offset: Int, accepted: Bool) async throws {
        let e = try await Enrolled()
        // Move well past the confirming step, so a step behind now is still unused.
        e.h.clock.advance(by: .seconds(300))
        let step = e.app.step(at: e.h.clock.now) + Int64(offset)
        let challenge = try await e.challenge()
        if accepted {
            #expect(try await e.complete(challenge, e.app.code(step: step), .totp).session.aal == 2)
        } else {
            let error = await #expect(throws: AuthError.self) { try await e.complete(challenge, e.app.code(step: step), .totp) }
            #expect(error?.code == .invalidCode)
        }
    }

    @Test func aRecoveryCodeWorksOnceAndTheCountGoesDown() async throws {
        let e = try await Enrolled()
        #expect(e.recoveryCodes.count == 10)
        #expect(Set(e.recoveryCodes).count == 10)
        #expect(e.recoveryCodes.allSatisfy { $0.wholeMatch(of: /[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/) != nil })
        let signedIn = try await e.complete(try await e.challenge(), e.recoveryCodes[0].uppercased(), .recoveryCode)
        #expect(signedIn.session.amr == ["pwd", "rc", "mfa"])
        let again = await #expect(throws: AuthError.self) {
            try await e.complete(try await e.challenge(), e.recoveryCodes[0], .recoveryCode)
        }
        #expect(again?.code == .invalidCode)
        let status = try await e.h.auth.secondFactorStatus(try await e.h.auth.authenticate(token: signedIn.token))
        #expect(status.recoveryCodesLeft == 9)
        #expect(status.mfaEnabled)
        #expect(status.enrolments.map(\.method) == [.totp])
        #expect(status.enrolments.first?.name == "Phone")
    }

    @Test func regeneratingTheCodesKillsTheOldSetAndMailsANotice() async throws {
        let e = try await Enrolled()
        let fresh = try await e.h.auth.recoveryCodes.regenerate(try await e.stepUp(), client: e.h.client)
        #expect(fresh.count == 10 && Set(fresh).isDisjoint(with: e.recoveryCodes))
        let old = await #expect(throws: AuthError.self) {
            try await e.complete(try await e.challenge(), e.recoveryCodes[1], .recoveryCode)
        }
        #expect(old?.code == .invalidCode)
        _ = try await e.complete(try await e.challenge(), fresh[1], .recoveryCode)
        let notice = await e.h.mailbox.latest(to: try EmailAddress("ada@example.com"))
        #expect(notice?.kindName == "recovery_codes_replaced")
    }

    @Test func weakeningNeedsARecentAuthentication() async throws {
        let e = try await Enrolled()
        e.h.clock.advance(by: .seconds(11 * 60))
        let stale = try await e.h.auth.authenticate(token: e.session.token)
        let removal = await #expect(throws: AuthError.self) {
            try await e.h.auth.totp.remove(stale, id: e.authenticatorID, client: e.h.client)
        }
        #expect(removal?.code == .reauthenticationRequired)
        let regeneration = await #expect(throws: AuthError.self) {
            try await e.h.auth.recoveryCodes.regenerate(stale, client: e.h.client)
        }
        #expect(regeneration?.code == .reauthenticationRequired)
        let adding = await #expect(throws: AuthError.self) { try await e.h.auth.totp.start(stale, client: e.h.client) }
        #expect(adding?.code == .reauthenticationRequired)

        // A code from the app counts as reauthentication (the way back for a user without a password).
        try await e.h.auth.reauthenticate(stale, method: .totp, code: e.app.code(at: e.h.clock.now), client: e.h.client)
        let recent = try await e.h.auth.authenticate(token: e.session.token)
        try await e.h.auth.totp.remove(recent, id: e.authenticatorID, client: e.h.client)
        let notice = await e.h.mailbox.latest(to: try EmailAddress("ada@example.com"))
        #expect(notice?.kind == .secondFactorRemoved(method: "totp", at: e.h.clock.now))
        // No app left: the leftover recovery codes alone do not ask for a second factor.
        let after = try await e.h.auth.authenticate(token: e.session.token)
        #expect(after.mfaEnabled == false)
        guard case .signedIn = try await e.h.auth.signIn(email: "ada@example.com", password: Self.password, client: e.h.client)
        else { Issue.record("expected a session without a second factor"); return }
    }

    @Test func aPasswordAloneCannotStripOrBypassTheAppButAStepUpCan() async throws {
        let e = try await Enrolled()
        // Recent, but proven only by a password: not enough once the account has an app.
        let passwordOnly = try await e.h.auth.authenticate(token: e.session.token)
        try await e.h.auth.reauthenticate(passwordOnly, password: Self.password, client: e.h.client)
        let recent = try await e.h.auth.authenticate(token: e.session.token)
        #expect(recent.session.aal == 1)
        for attempt in [
            { try await e.h.auth.totp.remove(recent, id: e.authenticatorID, client: e.h.client) },
            { _ = try await e.h.auth.recoveryCodes.regenerate(recent, client: e.h.client) },
            { _ = try await e.h.auth.totp.start(recent, client: e.h.client) },
            { _ = try await e.h.auth.emailChange.request(recent, newEmail: "new@example.com", client: e.h.client) },
            { try await e.h.auth.deleteAccount(recent, client: e.h.client) },
        ] as [@Sendable () async throws -> Void] {
            let error = await #expect(throws: AuthError.self) { try await attempt() }
            #expect(error?.code == .reauthenticationRequired)
        }
        // A code from the app raises the session to aal 2, and the change goes through.
        let stepped = try await e.stepUp()
        #expect(stepped.session.aal == 2)
        try await e.h.auth.totp.remove(stepped, id: e.authenticatorID, client: e.h.client)
    }

    @Test func anAppSignInElevenMinutesAgoIsNotMadeRecentByAPassword() async throws {
        let e = try await Enrolled()
        let withApp = try await e.complete(try await e.challenge(), e.app.code(at: e.h.clock.now), .totp)
        #expect(withApp.session.aal == 2)
        #expect(withApp.session.secondFactorAt == e.h.clock.now)
        // Eleven minutes on, whoever stole the token phishes the password and proves it again.
        e.h.clock.advance(by: .seconds(11 * 60))
        try await e.h.auth.reauthenticate(
            try await e.h.auth.authenticate(token: withApp.token), password: Self.password, client: e.h.client)
        let passwordRecent = try await e.h.auth.authenticate(token: withApp.token)
        #expect(passwordRecent.session.aal == 2)  // still a two-factor session, but not a recent one
        for attempt in [
            { try await e.h.auth.totp.remove(passwordRecent, id: e.authenticatorID, client: e.h.client) },
            { _ = try await e.h.auth.emailChange.request(passwordRecent, newEmail: "thief@example.com", client: e.h.client) },
            { _ = try await e.h.auth.recoveryCodes.regenerate(passwordRecent, client: e.h.client) },
            { try await e.h.auth.deleteAccount(passwordRecent, client: e.h.client) },
        ] as [@Sendable () async throws -> Void] {
            let error = await #expect(throws: AuthError.self) { try await attempt() }
            #expect(error?.code == .reauthenticationRequired)
        }
        // The app proven again makes the second factor recent, and the change goes through.
        try await e.h.auth.reauthenticate(
            passwordRecent, method: .totp, code: e.app.code(at: e.h.clock.now), client: e.h.client)
        let stepped = try await e.h.auth.authenticate(token: withApp.token)
        try await e.h.auth.totp.remove(stepped, id: e.authenticatorID, client: e.h.client)
    }

    @Test func theSecondFactorWindowFollowsTheConfiguredWindow() async throws {
        var configuration = AuthConfiguration()
        configuration.recentAuthenticationWindow = .seconds(3 * 60)
        let e = try await Enrolled(configuration: configuration)
        _ = try await e.stepUp()
        // Four minutes on: within the default ten, past the configured three. The password is
        // proven again; the app's proof is what is stale.
        e.h.clock.advance(by: .seconds(4 * 60))
        try await e.h.auth.reauthenticate(
            try await e.h.auth.authenticate(token: e.session.token), password: Self.password, client: e.h.client)
        let stale = try await e.h.auth.authenticate(token: e.session.token)
        let error = await #expect(throws: AuthError.self) {
            try await e.h.auth.totp.remove(stale, id: e.authenticatorID, client: e.h.client)
        }
        #expect(error?.code == .reauthenticationRequired)
    }

    @Test func theSeedsClientsWithoutAMethodCompleteWithTheApp() async throws {
        let e = try await Enrolled()
        let challenge = try await e.challenge()
        let signedIn = try await e.h.auth.completeMFASignIn(
            id: challenge.verificationID, code: e.app.code(at: e.h.clock.now), client: e.h.client)
        #expect(signedIn.session.amr == ["pwd", "otp", "mfa"])
    }

    @Test func theMailedCodeCannotReauthenticateAndIsNotCounted() async throws {
        let e = try await Enrolled()
        let auth = try await e.h.auth.authenticate(token: e.session.token)
        #expect(try await e.h.auth.setMFA(auth, enabled: true, client: e.h.client))
        for _ in 0..<12 {
            let error = await #expect(throws: AuthError.self) {
                try await e.h.auth.reauthenticate(auth, method: .email, code: "123456", client: e.h.client)
            }
            #expect(error?.code == .methodUnavailable)
        }
        // Nothing was charged: the app still works.
        try await e.h.auth.reauthenticate(auth, method: .totp, code: e.app.code(at: e.h.clock.now), client: e.h.client)
    }

    @Test func theEmailCodeIsMailedOnlyWhenEmailIsAMethod() async throws {
        let e = try await Enrolled()
        let auth = try await e.h.auth.authenticate(token: e.session.token)
        #expect(try await e.h.auth.setMFA(auth, enabled: true, client: e.h.client))
        let challenge = try await e.challenge()
        #expect(challenge.methods == [.totp, .recoveryCode, .email])
        let mail = try #require(await e.h.mailbox.latest(to: try EmailAddress("ada@example.com")))
        #expect(mail.kindName == "sign_in_code")
        let signedIn = try await e.complete(challenge, try #require(mail.code), .email)
        #expect(signedIn.session.amr == ["pwd", "email", "mfa"])
    }

    @Test func aWrongConfirmationCodeLeavesTheEnrolmentPendingAndItExpires() async throws {
        let h = try await TestHarness()
        let session = try await h.registered()
        let auth = try await h.auth.authenticate(token: session.token)
        let enrolment = try await h.auth.totp.start(auth, client: h.client)
        let app = try #require(TOTP(base32Secret: enrolment.secret))
        let wrong = await #expect(throws: AuthError.self) {
            try await h.auth.totp.confirm(auth, id: enrolment.id, code: TestHarness.wrong(app.code(at: h.clock.now)), client: h.client)
        }
        #expect(wrong?.code == .invalidCode)
        #expect(try await h.auth.authenticate(token: session.token).mfaEnabled == false)
        h.clock.advance(by: .seconds(11 * 60))
        let late = await #expect(throws: AuthError.self) {
            try await h.auth.totp.confirm(auth, id: enrolment.id, code: app.code(at: h.clock.now), client: h.client)
        }
        #expect(late?.code == .invalidCode)
    }

    @Test func aSecondAppNeedsNoNewRecoveryCodesAndEitherAppSignsIn() async throws {
        let e = try await Enrolled()
        let auth = try await e.stepUp()
        let second = try await e.h.auth.totp.start(auth, name: "Tablet", client: e.h.client)
        let tablet = try #require(TOTP(base32Secret: second.secret))
        #expect(try await e.h.auth.totp.confirm(auth, id: second.id, code: tablet.code(at: e.h.clock.now), client: e.h.client) == nil)
        e.h.clock.advance(by: .seconds(30))
        _ = try await e.complete(try await e.challenge(), tablet.code(at: e.h.clock.now), .totp)
        e.h.clock.advance(by: .seconds(30))
        _ = try await e.complete(try await e.challenge(), e.app.code(at: e.h.clock.now), .totp)
        let status = try await e.h.auth.secondFactorStatus(auth)
        #expect(status.enrolments.map(\.name) == ["Phone", "Tablet"])
    }

    @Test func secretsAreStoredSealedAndOpenOnlyWithTheirKey() async throws {
        let e = try await Enrolled()
        let stored = try #require(try await e.h.deps.secondFactors.authenticators(of: e.session.user.id).first)
        let secret = e.app.secret
        #expect(stored.sealedSecret.count == secret.count + 28)
        #expect(!stored.sealedSecret.indices.contains { stored.sealedSecret[$0...].starts(with: secret) })
        #expect(try TOTPSecrets(encryptionKey: Array(repeating: 7, count: 32)).open(stored) == secret)
        #expect(throws: AuthError.self) { try TOTPSecrets(encryptionKey: Array(repeating: 8, count: 32)).open(stored) }
        var moved = stored
        moved.userID = UserID()
        #expect(throws: AuthError.self) { try TOTPSecrets(encryptionKey: Array(repeating: 7, count: 32)).open(moved) }
    }
}
