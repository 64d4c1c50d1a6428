import Logging

/// An authenticator app (RFC 6238): a 6-digit code from any of the user's confirmed
/// authenticators, within one 30-second step of now, whose step is later than every step the
/// user had accepted before, so an observed code cannot be replayed.
struct TOTPFactor: SecondFactor {
    let store: any SecondFactorStore
    let secrets: TOTPSecrets
    let clock: any WallClock
    let logger: Logger

    var method: SecondFactorMethod { .totp }
    var amr: String { AuthenticationMethodReference.oneTimePassword }
    var presentation: SecondFactorPresentation {
        SecondFactorPresentation(label: "Authenticator app", instruction: "a code from your authenticator app", offeredByDefault: true)
    }

    func isEnabled(for user: User) async throws -> Bool {
        try await store.authenticators(of: user.id).contains(where: \.isConfirmed)
    }

    func enrolments(of user: User) async throws -> [SecondFactorEnrolment] {
        try await store.authenticators(of: user.id).filter(\.isConfirmed).map {
            SecondFactorEnrolment(
                method: .totp, id: $0.id.description, name: $0.name, createdAt: $0.createdAt, lastUsedAt: $0.lastUsedAt)
        }
    }

    func challengeOpened(_ challenge: CodeChallenge, code: String, for user: User) async throws {}

    func verify(_ response: String, challenge: VerificationCode?, user: User) async throws -> Bool {
        let now = clock.now
        for authenticator in try await store.authenticators(of: user.id) where authenticator.isConfirmed {
            // A row that does not open (sealed under another key, or altered) cannot match; the
            // user's other apps still can. Logged by id only, never with the row.
            guard let secret = try? secrets.open(authenticator) else {
                logger.error("an authenticator secret does not open with the configured key",
                             metadata: ["authenticator": "\(authenticator.id)"])
                continue
            }
            if let step = TOTP(secret: secret).matchingStep(response, at: now) {
                return try await store.acceptStep(step, authenticator: authenticator.id, of: user.id, at: now)
            }
        }
        return false
    }
}
