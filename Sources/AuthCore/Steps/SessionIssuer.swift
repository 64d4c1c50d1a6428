import Foundation

/// Creates sessions and their tokens; shared by every flow that signs someone in.
struct SessionIssuer: Sendable {
    let sessions: any SessionStore
    let tokens: TokenSigner
    let audit: Auditor
    let clock: any WallClock
    let configuration: AuthConfiguration

    func signIn(_ user: User, client: ClientContext) async throws -> SignedIn {
        guard !user.isBanned else { throw AuthError.invalidCredentials }
        let now = clock.now
        let session = Session(
            userID: user.id, client: client, createdAt: now,
            expiresAt: now.addingTimeInterval(configuration.sessionTTL.timeInterval))
        try await sessions.insert(session)
        let token = try await tokens.sign(session)
        await audit.record(.signInSucceeded, user: user, client: client)
        return SignedIn(token: token, session: session, user: user)
    }
}
