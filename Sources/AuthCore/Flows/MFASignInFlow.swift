/// The second step of an MFA sign-in: redeems the mailed `mfa` code and creates the session.
public struct MFASignInFlow: Sendable {
    let users: any UserStore
    let codes: CodeIssuer
    let sessions: SessionIssuer
    let audit: Auditor

    /// Completes sign-in with the mailed code.
    /// - Throws: `invalid_code`, `code_expired` or `too_many_attempts`.
    public func callAsFunction(id: VerificationID, code: String, client: ClientContext) async throws -> SignedIn {
        let row: VerificationCode
        do {
            row = try await codes.redeem(id, code: code, purpose: .mfa)
        } catch {
            await audit.record(.mfaFailed, client: client, detail: (error as? AuthError)?.code.rawValue)
            throw error
        }
        guard let user = try await users.user(id: row.userID) else { throw AuthError(.invalidCode, "the code is invalid") }
        await audit.record(.mfaSucceeded, user: user, client: client)
        return try await sessions.signIn(user, client: client)
    }
}
