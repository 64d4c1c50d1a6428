import AuthCore
import Foundation
import Testing

/// An OpenID grant store under test with the stores its rows refer to (a SQL store has foreign
/// keys to clients, users and sessions, so checks create real ones first).
public struct WithOpenIDClients<Store: Sendable>: Sendable {
    public var users: any UserStore
    public var sessions: any SessionStore
    public var clients: any OpenIDClientStore
    public var store: Store
    /// Pairs `store` with the stores it refers to.
    public init(users: any UserStore, sessions: any SessionStore, clients: any OpenIDClientStore, store: Store) {
        self.users = users
        self.sessions = sessions
        self.clients = clients
        self.store = store
    }

    /// Inserts and returns a fresh user.
    public func makeUser(at now: Date) async throws -> User {
        let user = Sample.user(at: now)
        try await users.insert(user)
        return user
    }

    /// Inserts and returns a fresh session of `user`.
    public func makeSession(of user: UserID, at now: Date) async throws -> Session {
        let session = Sample.session(of: user, at: now)
        try await sessions.insert(session)
        return session
    }

    /// Registers and returns a confidential client `id`.
    public func makeClient(_ id: String, at now: Date) async throws -> OpenIDClient {
        let client = OpenIDClient(
            id: id, name: "App \(id)", secretHash: Array("secret of \(id)".utf8),
            redirectURIs: ["https://\(id).example.com/callback"], createdAt: now)
        try await clients.insert(client)
        return client
    }
}

/// The behaviour every ``OpenIDGrantStore`` adapter must show: grants read back as recorded,
/// refresh-token rotation with ``RefreshTokenStoreContract``'s guarantees (one successor under
/// concurrent refreshes, the reuse interval, reuse), nothing refreshing on a revoked grant,
/// revocation per grant and per user and client, consents, and erasure (docs/oidc.md).
public enum OpenIDGrantStoreContract {
    public typealias Subject = WithOpenIDClients<any OpenIDGrantStore>

    /// A stand-in for the SHA-256 of the refresh token of `generation`.
    static func hash(_ generation: Int, of grant: OpenIDGrantID) -> [UInt8] {
        Array("\(grant)#\(generation)".utf8)
    }

    static let interval = Duration.seconds(60)

    /// A grant of `user` (through `session`) to `client`, not yet inserted; with a refresh token at
    /// generation 0 unless `refresh` is false.
    static func grant(
        of user: UserID, session: SessionID, to client: String, at now: Date, refresh: Bool = true,
        scopes: [String] = ["openid", "email", "offline_access"]
    ) -> OpenIDGrant {
        let id = OpenIDGrantID()
        return OpenIDGrant(
            id: id, clientID: client, userID: user, sessionID: session, scopes: scopes, createdAt: now,
            refresh: refresh ? RefreshTokenState(sessionID: session, generation: 0, tokenHash: hash(0, of: id), rotatedAt: nil) : nil)
    }

    /// Inserts a grant of a fresh user, in a fresh session, to a fresh client.
    static func liveGrant(_ f: ContractFixture<Subject>, refresh: Bool = true) async throws -> OpenIDGrant {
        let user = try await f.subject.makeUser(at: f.now())
        let session = try await f.subject.makeSession(of: user.id, at: f.now())
        let client = try await f.subject.makeClient("app-\(UUID().uuidString.prefix(8).lowercased())", at: f.now())
        let made = grant(of: user.id, session: session.id, to: client.id, at: f.now(), refresh: refresh)
        try await f.subject.store.insert(made)
        return made
    }

    /// Presents the refresh token of `generation` of `grant` at `now`.
    static func present(
        _ generation: Int, of grant: OpenIDGrantID, _ store: any OpenIDGrantStore, at now: Date
    ) async throws -> RefreshRotation {
        try await store.rotate(
            grant, presented: generation, presentedHash: hash(generation, of: grant),
            successorHash: hash(generation + 1, of: grant), at: now, reuseInterval: interval)
    }

    /// Every check.
    public static let checks: [ContractCheck<Subject>] = grantChecks + rotationChecks + revocationChecks + consentChecks

    static let grantChecks: [ContractCheck<Subject>] = [
        ContractCheck("a grant reads back as recorded, with its refresh token or without one") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let session = try await f.subject.makeSession(of: user.id, at: f.now())
            let client = try await f.subject.makeClient("reader", at: f.now())
            let offline = grant(of: user.id, session: session.id, to: client.id, at: f.now())
            let online = grant(
                of: user.id, session: session.id, to: client.id, at: f.now().addingTimeInterval(1), refresh: false,
                scopes: ["openid", "profile", "email"])
            try await store.insert(offline)
            try await store.insert(online)
            #expect(try await store.grant(id: offline.id) == offline)
            #expect(try await store.grant(id: online.id) == online)
            #expect(try await store.grant(id: online.id)?.refresh == nil)
            #expect(try await store.grant(id: OpenIDGrantID()) == nil)
        },
        ContractCheck("a grant id taken is a conflict, and the first grant stays") { f in
            let store = f.subject.store
            let first = try await liveGrant(f)
            var second = first
            second.scopes = ["openid"]
            second.refresh = nil
            let error = await #expect(throws: AuthError.self) { try await store.insert(second) }
            #expect(error?.code == .conflict)
            #expect(try await store.grant(id: first.id) == first)
        },
    ]

    static let rotationChecks: [ContractCheck<Subject>] = [
        ContractCheck("a grant's refresh token rotates to the next generation, which then rotates in turn") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .rotated(generation: 1))
            let state = try #require(try await store.grant(id: grant.id)?.refresh)
            #expect(state.generation == 1 && state.tokenHash == hash(1, of: grant.id))
            #expect(state.rotatedAt.map { abs($0.timeIntervalSince(f.now())) < 0.001 } == true)
            try await f.advance(.seconds(120))
            #expect(try await present(1, of: grant.id, store, at: f.now()) == .rotated(generation: 2))
            #expect(try await store.grant(id: grant.id)?.refresh?.generation == 2)
        },
        ContractCheck("the token just replaced answers with the same successor within the reuse interval, and rotates nothing") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            _ = try await present(0, of: grant.id, store, at: f.now())
            try await f.advance(.seconds(59))
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .replayed(generation: 1))
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .replayed(generation: 1))
            #expect(try await store.grant(id: grant.id)?.refresh?.generation == 1)
            #expect(try await present(1, of: grant.id, store, at: f.now()) == .rotated(generation: 2))
        },
        ContractCheck("the replaced token after the reuse interval, and an older one at any time, are reuse") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            _ = try await present(0, of: grant.id, store, at: f.now())
            _ = try await present(1, of: grant.id, store, at: f.now())
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .reused)
            #expect(try await present(1, of: grant.id, store, at: f.now()) == .replayed(generation: 2))
            try await f.advance(.seconds(61))
            #expect(try await present(1, of: grant.id, store, at: f.now()) == .reused)
            #expect(try await store.grant(id: grant.id)?.refresh?.generation == 2)
        },
        ContractCheck("another hash, a generation never issued, a grant without a refresh token and an unknown grant are unknown") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            let forged = try await store.rotate(
                grant.id, presented: 0, presentedHash: Array("forged".utf8), successorHash: hash(1, of: grant.id),
                at: f.now(), reuseInterval: interval)
            #expect(forged == .unknown)
            #expect(try await present(5, of: grant.id, store, at: f.now()) == .unknown)
            #expect(try await store.grant(id: grant.id) == grant)
            let online = try await liveGrant(f, refresh: false)
            #expect(try await present(0, of: online.id, store, at: f.now()) == .unknown)
            #expect(try await store.grant(id: online.id) == online)
            #expect(try await present(0, of: OpenIDGrantID(), store, at: f.now()) == .unknown)
        },
        ContractCheck("a revoked grant refreshes nothing: its current token and the one just replaced are unknown") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .rotated(generation: 1))
            #expect(try await store.revoke(grant.id, at: f.now()))
            // Within the reuse interval: a replay must not hand out the successor either.
            #expect(try await present(0, of: grant.id, store, at: f.now()) == .unknown)
            #expect(try await present(1, of: grant.id, store, at: f.now()) == .unknown)
            #expect(try await store.grant(id: grant.id)?.refresh?.generation == 1)
        },
        ContractCheck("50 concurrent refreshes of one grant make one successor, and all 50 are answered with it") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            let now = f.now()
            let outcomes = try await withThrowingTaskGroup(of: RefreshRotation.self) { group in
                for _ in 0..<50 { group.addTask { try await present(0, of: grant.id, store, at: now) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == 50)
            #expect(outcomes.filter { $0 == .rotated(generation: 1) }.count == 1)
            #expect(outcomes.filter { $0 == .replayed(generation: 1) }.count == 49)
            let state = try #require(try await store.grant(id: grant.id)?.refresh)
            #expect(state.generation == 1 && state.tokenHash == hash(1, of: grant.id))
        },
    ]

    static let revocationChecks: [ContractCheck<Subject>] = [
        ContractCheck("a grant is revoked once, at the time given; again, or an unknown grant, answers false") { f in
            let store = f.subject.store
            let grant = try await liveGrant(f)
            let at = f.now().addingTimeInterval(30)
            #expect(try await store.revoke(grant.id, at: at))
            let revoked = try #require(try await store.grant(id: grant.id))
            #expect(revoked.revokedAt == at)
            #expect(try await store.revoke(grant.id, at: at.addingTimeInterval(30)) == false)
            #expect(try await store.grant(id: grant.id)?.revokedAt == at)
            #expect(try await store.revoke(OpenIDGrantID(), at: at) == false)
        },
        ContractCheck("revoking a user's grants to a client ends their live grants to it only, and counts them") { f in
            let store = f.subject.store
            let now = f.now()
            let (ada, bob) = (try await f.subject.makeUser(at: now), try await f.subject.makeUser(at: now))
            let (laptop, phone) = (
                try await f.subject.makeSession(of: ada.id, at: now), try await f.subject.makeSession(of: ada.id, at: now)
            )
            let bobs = try await f.subject.makeSession(of: bob.id, at: now)
            let (mail, notes) = (try await f.subject.makeClient("mail", at: now), try await f.subject.makeClient("notes", at: now))
            let first = grant(of: ada.id, session: laptop.id, to: mail.id, at: now)
            let second = grant(of: ada.id, session: phone.id, to: mail.id, at: now, refresh: false)
            let earlier = grant(of: ada.id, session: phone.id, to: mail.id, at: now)
            let other = grant(of: ada.id, session: laptop.id, to: notes.id, at: now)
            let bobsMail = grant(of: bob.id, session: bobs.id, to: mail.id, at: now)
            for g in [first, second, earlier, other, bobsMail] { try await store.insert(g) }
            let before = now.addingTimeInterval(-10)
            #expect(try await store.revoke(earlier.id, at: before))

            let at = now.addingTimeInterval(10)
            #expect(try await store.revokeGrants(of: ada.id, to: mail.id, at: at) == 2)
            #expect(try await store.grant(id: first.id)?.revokedAt == at)
            #expect(try await store.grant(id: second.id)?.revokedAt == at)
            #expect(try await store.grant(id: earlier.id)?.revokedAt == before)
            #expect(try await store.grant(id: other.id)?.revokedAt == nil)
            #expect(try await store.grant(id: bobsMail.id)?.revokedAt == nil)
            #expect(try await present(0, of: first.id, store, at: at) == .unknown)
            #expect(try await present(0, of: other.id, store, at: at) == .rotated(generation: 1))
            #expect(try await store.revokeGrants(of: ada.id, to: mail.id, at: at) == 0)
            #expect(try await store.revokeGrants(of: ada.id, to: "unknown", at: at) == 0)
        },
    ]

    static let consentChecks: [ContractCheck<Subject>] = [
        ContractCheck("a consent reads back as saved, and the next one to the same client replaces it") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let client = try await f.subject.makeClient("photos", at: f.now())
            #expect(try await store.consent(of: user.id, to: client.id) == nil)
            let first = OpenIDConsent(userID: user.id, clientID: client.id, scopes: ["email", "openid"], grantedAt: f.now())
            try await store.saveConsent(first)
            #expect(try await store.consent(of: user.id, to: client.id) == first)
            let wider = OpenIDConsent(
                userID: user.id, clientID: client.id, scopes: ["email", "offline_access", "openid", "profile"],
                grantedAt: f.now().addingTimeInterval(60))
            try await store.saveConsent(wider)
            #expect(try await store.consent(of: user.id, to: client.id) == wider)
            #expect(try await store.consents(of: user.id) == [wider])
        },
        ContractCheck("a user's consents are listed most recent first, by client id when given at once, and no one else's") { f in
            let store = f.subject.store
            let now = f.now()
            let (ada, bob) = (try await f.subject.makeUser(at: now), try await f.subject.makeUser(at: now))
            for id in ["a-app", "b-app", "old", "new"] { _ = try await f.subject.makeClient(id, at: now) }
            let consents = [
                OpenIDConsent(userID: ada.id, clientID: "old", scopes: ["openid"], grantedAt: now),
                OpenIDConsent(userID: ada.id, clientID: "a-app", scopes: ["openid"], grantedAt: now.addingTimeInterval(5)),
                OpenIDConsent(userID: ada.id, clientID: "new", scopes: ["openid"], grantedAt: now.addingTimeInterval(10)),
                OpenIDConsent(userID: ada.id, clientID: "b-app", scopes: ["openid"], grantedAt: now.addingTimeInterval(5)),
                OpenIDConsent(userID: bob.id, clientID: "old", scopes: ["openid", "email"], grantedAt: now.addingTimeInterval(20)),
            ]
            for consent in consents { try await store.saveConsent(consent) }
            #expect(try await store.consents(of: ada.id).map(\.clientID) == ["new", "b-app", "a-app", "old"])
            #expect(try await store.consents(of: bob.id) == [consents[4]])
            #expect(try await store.consent(of: bob.id, to: "new") == nil)
        },
        ContractCheck("a removed consent is gone: removing it again answers false, and the user's others stay") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let (mail, notes) = (try await f.subject.makeClient("mail", at: f.now()), try await f.subject.makeClient("notes", at: f.now()))
            let kept = OpenIDConsent(userID: user.id, clientID: notes.id, scopes: ["openid"], grantedAt: f.now())
            try await store.saveConsent(OpenIDConsent(userID: user.id, clientID: mail.id, scopes: ["openid"], grantedAt: f.now()))
            try await store.saveConsent(kept)
            #expect(try await store.removeConsent(of: user.id, to: mail.id))
            #expect(try await store.consent(of: user.id, to: mail.id) == nil)
            #expect(try await store.consents(of: user.id) == [kept])
            #expect(try await store.removeConsent(of: user.id, to: mail.id) == false)
            #expect(try await store.removeConsent(of: user.id, to: "unknown") == false)
        },
        ContractCheck("erasing a user removes their grants, revoked ones too, and their consents only") { f in
            let store = f.subject.store
            let now = f.now()
            let (gone, kept) = (try await f.subject.makeUser(at: now), try await f.subject.makeUser(at: now))
            let (goneSession, keptSession) = (
                try await f.subject.makeSession(of: gone.id, at: now), try await f.subject.makeSession(of: kept.id, at: now)
            )
            let client = try await f.subject.makeClient("shared", at: now)
            let (live, revoked) = (
                grant(of: gone.id, session: goneSession.id, to: client.id, at: now),
                grant(of: gone.id, session: goneSession.id, to: client.id, at: now)
            )
            let others = grant(of: kept.id, session: keptSession.id, to: client.id, at: now)
            for g in [live, revoked, others] { try await store.insert(g) }
            #expect(try await store.revoke(revoked.id, at: now))
            let othersConsent = OpenIDConsent(userID: kept.id, clientID: client.id, scopes: ["openid"], grantedAt: now)
            try await store.saveConsent(OpenIDConsent(userID: gone.id, clientID: client.id, scopes: ["openid"], grantedAt: now))
            try await store.saveConsent(othersConsent)

            try await store.eraseData(of: gone)
            #expect(try await store.grant(id: live.id) == nil)
            #expect(try await store.grant(id: revoked.id) == nil)
            #expect(try await store.consents(of: gone.id).isEmpty)
            #expect(try await store.consent(of: gone.id, to: client.id) == nil)
            #expect(try await store.grant(id: others.id) == others)
            #expect(try await store.consents(of: kept.id) == [othersConsent])
            // An erasure interrupted half-way runs again.
            try await store.eraseData(of: gone)
        },
    ]
}
