import AuthCore
import Foundation
import Testing

/// A refresh-token store under test with the session and user stores its rows refer to (a SQL
/// store has a foreign key to sessions, so checks create real sessions first).
public struct WithSessions<Store: Sendable>: Sendable {
    public var users: any UserStore
    public var sessions: any SessionStore
    public var store: Store
    /// Pairs `store` with the stores it refers to.
    public init(users: any UserStore, sessions: any SessionStore, store: Store) {
        self.users = users
        self.sessions = sessions
        self.store = store
    }

    /// Inserts and returns a fresh session of a fresh user.
    public func makeSession(at now: Date) async throws -> Session {
        let user = Sample.user(at: now)
        try await users.insert(user)
        let session = Sample.session(of: user.id, at: now)
        try await sessions.insert(session)
        return session
    }
}

/// The behaviour every ``RefreshTokenStore`` adapter must show: rotation, the reuse interval's
/// one successor, reuse, and rotation serialised under concurrent refreshes (docs/tokens.md,
/// "Refresh tokens").
public enum RefreshTokenStoreContract {
    /// A stand-in for the SHA-256 of the token of `generation`.
    static func hash(_ generation: Int, of session: SessionID) -> [UInt8] {
        Array("\(session)#\(generation)".utf8)
    }

    static let interval = Duration.seconds(60)

    /// Presents the token of `generation` at `now`.
    static func present(
        _ generation: Int, of session: SessionID, _ store: any RefreshTokenStore, at now: Date
    ) async throws -> RefreshRotation {
        try await store.rotate(
            session, presented: generation, presentedHash: hash(generation, of: session),
            successorHash: hash(generation + 1, of: session), at: now, reuseInterval: interval)
    }

    /// Every check.
    public static let checks: [ContractCheck<WithSessions<any RefreshTokenStore>>] = [
        ContractCheck("a new session's token rotates to the next generation, which then rotates in turn") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            #expect(try await store.state(of: session.id)?.generation == 0)
            #expect(try await present(0, of: session.id, store, at: f.now()) == .rotated(generation: 1))
            let state = try #require(try await store.state(of: session.id))
            #expect(state.generation == 1 && state.tokenHash == hash(1, of: session.id))
            #expect(state.rotatedAt.map { abs($0.timeIntervalSince(f.now())) < 0.001 } == true)
            try await f.advance(.seconds(120))
            #expect(try await present(1, of: session.id, store, at: f.now()) == .rotated(generation: 2))
        },
        ContractCheck("the token just replaced answers with the same successor within the reuse interval, and rotates nothing") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            _ = try await present(0, of: session.id, store, at: f.now())
            try await f.advance(.seconds(59))
            #expect(try await present(0, of: session.id, store, at: f.now()) == .replayed(generation: 1))
            #expect(try await present(0, of: session.id, store, at: f.now()) == .replayed(generation: 1))
            #expect(try await store.state(of: session.id)?.generation == 1)
            // The successor it was answered with still rotates.
            #expect(try await present(1, of: session.id, store, at: f.now()) == .rotated(generation: 2))
        },
        ContractCheck("the replaced token presented after the reuse interval is reuse") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            _ = try await present(0, of: session.id, store, at: f.now())
            try await f.advance(.seconds(61))
            #expect(try await present(0, of: session.id, store, at: f.now()) == .reused)
        },
        ContractCheck("a token older than the one replaced last is reuse, even within the interval") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            _ = try await present(0, of: session.id, store, at: f.now())
            _ = try await present(1, of: session.id, store, at: f.now())
            #expect(try await present(0, of: session.id, store, at: f.now()) == .reused)
            #expect(try await present(1, of: session.id, store, at: f.now()) == .replayed(generation: 2))
        },
        ContractCheck("the current generation with another hash rotates nothing") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            let outcome = try await store.rotate(
                session.id, presented: 0, presentedHash: Array("forged".utf8), successorHash: hash(1, of: session.id),
                at: f.now(), reuseInterval: interval)
            #expect(outcome == .unknown)
            #expect(try await store.state(of: session.id)?.generation == 0)
        },
        ContractCheck("a session without a token, and a generation never issued, are unknown") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            #expect(try await present(0, of: session.id, store, at: f.now()) == .unknown)
            #expect(try await store.state(of: session.id) == nil)
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            #expect(try await present(5, of: session.id, store, at: f.now()) == .unknown)
            #expect(try await store.state(of: session.id)?.generation == 0)
        },
        ContractCheck("a session holds one token: a second insert is a conflict") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            await #expect(throws: AuthError.self) { try await store.insert(session.id, tokenHash: hash(0, of: session.id)) }
        },
        ContractCheck("50 concurrent refreshes with one token make one successor, and all 50 are answered with it") { f in
            let store = f.subject.store
            let session = try await f.subject.makeSession(at: f.now())
            try await store.insert(session.id, tokenHash: hash(0, of: session.id))
            let now = f.now()
            let outcomes = try await withThrowingTaskGroup(of: RefreshRotation.self) { group in
                for _ in 0..<50 { group.addTask { try await present(0, of: session.id, store, at: now) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == 50)
            #expect(outcomes.filter { $0 == .rotated(generation: 1) }.count == 1)
            #expect(outcomes.filter { $0 == .replayed(generation: 1) }.count == 49)
            #expect(try await store.state(of: session.id)?.generation == 1)
        },
    ]
}
