/// The second step of an MFA sign-in: proves one of the user's second factors against the open
/// challenge and creates the session.
public struct MFASignInFlow: Sendable {
    let users: any UserStore
    let factors: SecondFactorRegistry
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let abuse: AbuseGuard
    let audit: Auditor

    /// Completes sign-in with a second factor.
    /// - Parameters:
    ///   - id: the challenge's id (`token_id`).
    ///   - code: the method's answer (the mailed code, an authenticator's code, …).
    ///   - method: the method answered with; `nil` means `email` when the user has it, else the
    ///     user's only method that is not a backup.
    /// - Throws: `invalid_code`, `code_expired` or `too_many_attempts`, the same for every method;
    ///   `invalid_request` for a method this service does not offer.
    public func callAsFunction(
        id: VerificationID, code: String, method: SecondFactorMethod? = nil, client: ClientContext
    ) async throws -> SignedIn {
        try await AuthMetrics.recordingSignIn(method: "mfa") {
            try await complete(id: id, code: code, method: method, client: client)
        } outcome: { _ in "success" }
    }

    private func complete(
        id: VerificationID, code: String, method: SecondFactorMethod?, client: ClientContext
    ) async throws -> SignedIn {
        let user: User
        let amr: [String]
        do {
            let challenge = try await codes.open(id, purpose: .mfa)
            guard let userID = challenge.userID, let found = try await users.user(id: userID) else {
                throw AuthError.invalidCode
            }
            user = found
            // A method the account does not have is refused before anything is counted.
            let factor = try await factor(for: method, user: user, after: challenge.firstFactor)
            // Wrong answers are capped per account across challenges, not only per challenge.
            let attempt = try await abuse.beginSecondFactorAttempt(for: found.id)
            let proven = try await factor.verify(code, challenge: challenge, user: user)
            if proven { try await abuse.succeeded(attempt) }
            try await codes.settle(challenge, proven: proven)
            amr = [challenge.firstFactor ?? AuthenticationMethodReference.password, factor.amr,
                   AuthenticationMethodReference.multipleFactors]
        } catch {
            await audit.record(.mfaFailed, client: client, detail: (error as? AuthError)?.code.rawValue)
            throw error
        }
        await audit.record(.mfaSucceeded, user: user, client: client)
        return try await sessions.signIn(user, client: client, amr: amr, aal: 2)
    }

    /// The factor answered with: one of the user's own methods (a registered method the user has
    /// not switched on is refused before it is asked anything).
    private func factor(
        for method: SecondFactorMethod?, user: User, after firstFactor: String?
    ) async throws -> any SecondFactor {
        let methods = try await factors.methods(for: user, after: firstFactor)
        // The seed's clients send no method: the mailed code if the user has it, else the one
        // method that is not a backup (an app beside its recovery codes).
        let primary = methods.filter { factors.factor($0)?.isBackup == false }
        let chosen = method ?? (methods.contains(.email) || primary.count != 1 ? .email : primary[0])
        guard methods.contains(chosen), let factor = factors.factor(chosen) else {
            throw AuthError.invalidRequest("\(chosen) is not one of this account's second factors")
        }
        return factor
    }
}
