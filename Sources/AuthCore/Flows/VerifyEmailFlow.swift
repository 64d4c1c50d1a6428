/// Email verification: redeems a `sign_up` code, marks the address verified and signs in.
public struct VerifyEmailFlow: Sendable {
    let users: any UserStore
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let audit: Auditor

    /// Verifies with the code mailed at sign-up and returns a new session.
    /// - Throws: `invalid_code`, `code_expired` or `too_many_attempts`.
    public func callAsFunction(id: VerificationID, code: String, client: ClientContext) async throws -> SignedIn {
        let row = try await codes.redeem(id, code: code, purpose: .signUp)
        guard var user = try await users.user(id: row.userID) else { throw AuthError(.invalidCode, "the code is invalid") }
        if !user.isEmailVerified {
            user.isEmailVerified = true
            user.updatedAt = row.consumedAt ?? user.updatedAt
            try await users.update(user)
            await audit.record(.emailVerified, user: user, client: client)
        }
        return try await sessions.signIn(user, client: client)
    }
}
