/// The second step of an MFA sign-in: proves one of the user's second factors against the open
/// challenge and creates the session.
public struct MFASignInFlow: Sendable {
    let users: any UserStore
    let factors: SecondFactorRegistry
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let audit: Auditor

    /// Completes sign-in with a second factor.
    /// - Parameters:
    ///   - id: the challenge's id (`token_id`).
    ///   - code: the method's answer (the mailed code, an authenticator's code, …).
    ///   - method: the method answered with; `nil` means `email`, or the user's only method.
    /// - Throws: `invalid_code`, `code_expired` or `too_many_attempts`, the same for every method;
    ///   `invalid_request` for a method this service does not offer.
    public func callAsFunction(
        id: VerificationID, code: String, method: SecondFactorMethod? = nil, client: ClientContext
    ) async throws -> SignedIn {
        do {
            let challenge = try await codes.open(id, purpose: .mfa)
            guard let user = try await users.user(id: challenge.userID) else {
                throw AuthError(.invalidCode, "the code is invalid")
            }
            let factor = try await factor(for: method, user: user)
            let proven = try await factor.verify(code, challenge: challenge, user: user)
            try await codes.settle(challenge, proven: proven)
            await audit.record(.mfaSucceeded, user: user, client: client)
            return try await sessions.signIn(user, client: client)
        } catch {
            await audit.record(.mfaFailed, client: client, detail: (error as? AuthError)?.code.rawValue)
            throw error
        }
    }

    private func factor(for method: SecondFactorMethod?, user: User) async throws -> any SecondFactor {
        let chosen: SecondFactorMethod
        if let method {
            chosen = method
        } else {
            let methods = try await factors.methods(for: user)
            chosen = methods.count == 1 ? methods[0] : .email
        }
        guard let factor = factors.factor(chosen) else {
            throw AuthError.invalidRequest("unknown second-factor method \(chosen)")
        }
        return factor
    }
}
