/// The seed's second factor: the challenge's 6-digit code, mailed to the account's address.
/// Switched on and off by the user (`PATCH /enable/mfa`, `/disable/mfa`).
struct EmailCodeFactor: SecondFactor {
    let mailer: any Mailer
    let codeHasher: CodeHasher

    var method: SecondFactorMethod { .email }
    var amr: String { AuthenticationMethodReference.email }
    var supportsReauthentication: Bool { false }
    var presentation: SecondFactorPresentation {
        SecondFactorPresentation(label: "Mailed code", instruction: "the code we mailed you")
    }

    func isEnabled(for user: User) async throws -> Bool { user.emailFactorEnabled }

    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {
        try await mailer.send(MailMessage(to: user.email, kind: .signInCode(code: code, expiresAt: challenge.expiresAt)))
    }

    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        // Only a sign-in challenge mails a code; there is nothing to prove without one.
        guard let challenge else { return false }
        // The stored hash binds the challenge's id and purpose, so only this challenge's code matches.
        return ConstantTime.equals(codeHasher.hash(code: response, id: challenge.id, purpose: .mfa), challenge.codeHash)
    }
}
