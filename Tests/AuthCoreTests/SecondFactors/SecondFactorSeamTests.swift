import AuthCore
import AuthTesting
import Synchronization
import Testing

/// A made-up method, to prove that a second factor is one type plus one registration: the flows,
/// the challenge, attempt counting and `mfa_enabled` all work for it without a line changed.
final class PassphraseFactor: SecondFactor {
    private let enrolled = Mutex<Set<UserID>>([])
    let method = SecondFactorMethod(rawValue: "passphrase")
    let amr = "kba"
    static let answer = "open sesame"

    func enrol(_ user: UserID) { enrolled.withLock { _ = $0.insert(user) } }

    func isEnabled(for user: User) async throws -> Bool { enrolled.withLock { $0.contains(user.id) } }
    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}
    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        response == Self.answer
    }
}

@Suite struct SecondFactorSeamTests {
    static let password = "correct horse battery"

    @Test func aRegisteredMethodGatesPasswordSignInAndCompletesIt() async throws {
        let factor = PassphraseFactor()
        let h = try await TestHarness(secondFactors: [factor])
        let first = try await h.registered()
        #expect(try await h.auth.authenticate(token: first.token).mfaEnabled == false)
        factor.enrol(first.user.id)
        let mailsBefore = await h.mailbox.messages.count

        let result = try await h.auth.signIn(email: "ada@example.com", password: Self.password, client: h.client)
        guard case .mfaRequired(let challenge) = result else { Issue.record("expected a challenge"); return }
        #expect(challenge.methods == [factor.method])
        #expect(await h.mailbox.messages.count == mailsBefore)  // no email method: nothing mailed

        let wrong = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(id: challenge.verificationID, code: "nope", client: h.client)
        }
        #expect(wrong?.code == .invalidCode)
        // `method` may be left out: it is the user's only one.
        let signedIn = try await h.auth.completeMFASignIn(id: challenge.verificationID, code: PassphraseFactor.answer, client: h.client)
        #expect(signedIn.user.id == first.user.id)
        let again = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(
                id: challenge.verificationID, code: PassphraseFactor.answer, method: factor.method, client: h.client)
        }
        #expect(again?.code == .invalidCode)  // single use, for every method
    }

    @Test func wrongAnswersToAnyMethodCountAgainstTheOneChallenge() async throws {
        let factor = PassphraseFactor()
        let h = try await TestHarness(secondFactors: [factor])
        let first = try await h.registered()
        factor.enrol(first.user.id)
        _ = try await h.auth.setMFA(try await h.auth.authenticate(token: first.token), enabled: true, client: h.client)
        guard case .mfaRequired(let challenge) = try await h.auth.signIn(email: "ada@example.com", password: Self.password, client: h.client)
        else { Issue.record("expected a challenge"); return }
        #expect(challenge.methods == [.email, factor.method])
        let mailed = try await h.code(for: "ada@example.com")
        for attempt in 0..<5 {
            let method: SecondFactorMethod = attempt.isMultiple(of: 2) ? .email : factor.method
            _ = try? await h.auth.completeMFASignIn(
                id: challenge.verificationID, code: TestHarness.wrong(mailed), method: method, client: h.client)
        }
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(
                id: challenge.verificationID, code: PassphraseFactor.answer, method: factor.method, client: h.client)
        }
        #expect(error?.code == .tooManyAttempts)
    }

    @Test func anUnknownMethodIsABadRequestAndAMethodIsRegisteredOnce() async throws {
        let h = try await TestHarness(secondFactors: [PassphraseFactor()])
        let first = try await h.registered()
        _ = try await h.auth.setMFA(try await h.auth.authenticate(token: first.token), enabled: true, client: h.client)
        guard case .mfaRequired(let challenge) = try await h.auth.signIn(email: "ada@example.com", password: Self.password, client: h.client)
        else { Issue.record("expected a challenge"); return }
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.completeMFASignIn(
                id: challenge.verificationID, code: "123456", method: SecondFactorMethod(rawValue: "carrier_pigeon"), client: h.client)
        }
        #expect(error?.code == .invalidRequest)
        #expect(throws: AuthError.self) { try SecondFactorRegistry([PassphraseFactor(), PassphraseFactor()]) }
    }
}
