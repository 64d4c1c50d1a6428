/// Single-use recovery codes: the way back in when the authenticator is lost. A backup method:
/// offered beside the others, never a reason on its own to ask for a second factor.
struct RecoveryCodeFactor: SecondFactor {
    let store: any SecondFactorStore
    let codes: RecoveryCodes
    let clock: any WallClock

    var method: SecondFactorMethod { .recoveryCode }
    var amr: String { AuthenticationMethodReference.recoveryCode }
    var isBackup: Bool { true }
    var presentation: SecondFactorPresentation {
        SecondFactorPresentation(label: "Recovery code", instruction: "one of your recovery codes", offeredByDefault: true)
    }

    func isEnabled(for user: User) async throws -> Bool {
        try await store.recoveryCodesLeft(of: user.id) > 0
    }

    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}

    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        guard let hash = codes.hash(response, of: user.id) else { return false }
        return try await store.useRecoveryCode(hash, of: user.id, at: clock.now)
    }
}
