import Foundation
import Logging

/// A passkey as the second factor (docs/passkeys.md): after a password, OAuth or mailed-code
/// sign-in, `POST /sign-in/mfa/passkey/options {token_id}` gives request options bound to the
/// open challenge, and `POST /sign-in/mfa {token_id, method: "passkey", credential}` answers it.
/// Also a reauthentication method, with options from ``PasskeySignInFlow/reauthenticationOptions(_:)``.
///
/// The response handed to ``verify(_:challenge:user:)`` is the assertion's JSON
/// (``AuthenticationResponseJSON``) as text. After a first factor user presence is enough (the
/// first factor is already proven). Reauthentication needs user verification: a session signed
/// in with a passkey that did not verify its user (a first factor, `aal` 1) must not reach
/// `aal` 2 by presenting the same passkey again.
struct PasskeyFactor: SecondFactor {
    let store: any PasskeyStore
    let challenges: WebAuthnChallenges
    let assertions: PasskeyAssertions
    let logger: Logger

    var method: SecondFactorMethod { .passkey }
    var amr: String { AuthenticationMethodReference.passkey }
    var presentation: SecondFactorPresentation {
        SecondFactorPresentation(label: "Passkey", prompt: .webAuthn, instruction: "a passkey registered to this account")
    }

    func isEnabled(for user: User) async throws -> Bool {
        try await !store.passkeys(of: user.id).isEmpty
    }

    func enrolments(of user: User) async throws -> [SecondFactorEnrolment] {
        try await store.passkeys(of: user.id).map {
            SecondFactorEnrolment(method: .passkey, id: $0.id.description, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt)
        }
    }

    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}

    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        guard response.utf8.count <= 32 * 1024,
              let assertion = try? JSONDecoder().decode(AuthenticationResponseJSON.self, from: Data(response.utf8)),
              let sent = WebAuthnChallenges.challenge(in: assertion.response.clientDataJSON)
        else { return false }
        do {
            let ceremony = try await challenges.take(sent, for: challenge == nil ? .reauthentication : .secondFactor)
            guard ceremony.userID == user.id, ceremony.verificationID == challenge?.id else {
                throw AuthError.webAuthn(.challenge)
            }
            _ = try await assertions.verify(assertion, ceremony: ceremony, requireUserVerification: challenge == nil)
            return true
        } catch let error as AuthError where error.webAuthnFailure != nil {
            // A wrong answer like a wrong code: the flow counts it. The check that failed is logged.
            logger.info("passkey second factor refused", metadata: ["check": "\(error.webAuthnFailure!.rawValue)"])
            return false
        }
    }
}
