import AuthCore
import AuthStorePostgres
import AuthTesting
import Foundation
import Testing

/// What the OpenID tables' foreign keys add to the contract: a grant or consent cannot name a
/// client, user or session that does not exist, and goes with whichever of them goes.
@Suite(.enabled(if: TestDatabase.isEnabled))
struct PostgresOpenIDStoresTests {
    /// A client, a user with a session, a live grant and a consent.
    static func seed(_ stores: PostgresStores, at now: Date) async throws -> (OpenIDClient, Session, OpenIDGrant) {
        let client = OpenIDClient(
            id: "app-\(UUID().uuidString.prefix(8).lowercased())", name: "App", secretHash: nil,
            redirectURIs: ["https://app.example.com/cb"], createdAt: now)
        try await stores.openIDClients.insert(client)
        let user = Sample.user(at: now)
        try await stores.users.insert(user)
        let session = Sample.session(of: user.id, at: now)
        try await stores.sessions.insert(session)
        let grant = OpenIDGrant(
            clientID: client.id, userID: user.id, sessionID: session.id, scopes: ["openid"], createdAt: now)
        try await stores.openIDGrants.insert(grant)
        try await stores.openIDGrants.saveConsent(
            OpenIDConsent(userID: user.id, clientID: client.id, scopes: ["openid"], grantedAt: now))
        return (client, session, grant)
    }

    @Test func removingAClientTakesItsGrantsAndConsents() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let now = ManualClock().now
            let (gone, _, goneGrant) = try await Self.seed(stores, at: now)
            let (kept, _, keptGrant) = try await Self.seed(stores, at: now)
            #expect(try await stores.openIDClients.remove(id: gone.id))
            #expect(try await stores.openIDGrants.grant(id: goneGrant.id) == nil)
            #expect(try await stores.openIDGrants.consents(of: goneGrant.userID).isEmpty)
            #expect(try await stores.openIDGrants.grant(id: keptGrant.id) == keptGrant)
            #expect(try await stores.openIDGrants.consent(of: keptGrant.userID, to: kept.id) != nil)
        }
    }

    @Test func thePurgeOfAnEndedSessionTakesItsGrantsRevokedOrNot() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let clock = ManualClock()
            let (_, ended, live) = try await Self.seed(stores, at: clock.now)
            let revoked = OpenIDGrant(
                clientID: live.clientID, userID: live.userID, sessionID: ended.id, scopes: ["openid"], createdAt: clock.now,
                revokedAt: clock.now)
            try await stores.openIDGrants.insert(revoked)
            let (_, _, elsewhere) = try await Self.seed(stores, at: clock.now)
            _ = try await stores.sessions.revoke(ended.id, at: clock.now)
            clock.advance(by: .seconds(2 * 86_400))
            let purged = try await stores.purgeJob(.init(retention: .seconds(86_400)), clock: clock).purgeOnce()
            #expect(purged.sessions == 1)
            #expect(try await stores.openIDGrants.grant(id: live.id) == nil)
            #expect(try await stores.openIDGrants.grant(id: revoked.id) == nil)
            #expect(try await stores.openIDGrants.grant(id: elsewhere.id) != nil)
            // The consent is the user's, not the session's: it stays.
            #expect(try await stores.openIDGrants.consent(of: live.userID, to: live.clientID) != nil)
        }
    }

    @Test func aGrantOrConsentNamingWhatDoesNotExistIsNotFound() async throws {
        try await TestDatabase.withSchema { stores, _ in
            let now = ManualClock().now
            let (client, session, grant) = try await Self.seed(stores, at: now)
            let unknownClient = OpenIDGrant(
                clientID: "unknown", userID: grant.userID, sessionID: session.id, scopes: ["openid"], createdAt: now)
            let unknownSession = OpenIDGrant(
                clientID: client.id, userID: grant.userID, sessionID: SessionID(), scopes: ["openid"], createdAt: now)
            for attempt in [unknownClient, unknownSession] {
                let error = await #expect(throws: AuthError.self) { try await stores.openIDGrants.insert(attempt) }
                #expect(error?.code == .notFound)
                #expect(try await stores.openIDGrants.grant(id: attempt.id) == nil)
            }
            let consent = OpenIDConsent(userID: grant.userID, clientID: "unknown", scopes: ["openid"], grantedAt: now)
            let error = await #expect(throws: AuthError.self) { try await stores.openIDGrants.saveConsent(consent) }
            #expect(error?.code == .notFound)
        }
    }
}
