import AuthCore
import Foundation
import Testing

/// The behaviour every ``SessionCache`` adapter must show.
public enum SessionCacheContract {
    static func entry(at now: Date) -> CachedSession {
        let user = Sample.user(at: now)
        return CachedSession(session: Sample.session(of: user.id, at: now), user: user)
    }

    /// Every check.
    public static let checks: [ContractCheck<any SessionCache>] = [
        ContractCheck("a stored entry is read back whole") { f in
            let e = entry(at: f.now())
            try await f.subject.store(e, ttl: .seconds(60))
            #expect(try await f.subject.cached(e.session.id) == e)
            #expect(try await f.subject.cached(SessionID()) == nil)
        },
        ContractCheck("an entry read many times is read back as it was last stored, then not at all once invalidated") { f in
            // An adapter may remember what it decoded (the Redis one does): it must never answer
            // with an entry older than the one stored, nor with any once the session is revoked.
            var e = entry(at: f.now())
            try await f.subject.store(e, ttl: .seconds(60))
            for _ in 0..<3 { #expect(try await f.subject.cached(e.session.id) == e) }
            e.session.lastUsedAt = e.session.lastUsedAt.addingTimeInterval(90)
            e.user.isBanned = true
            e.secondFactors = [.totp]
            try await f.subject.store(e, ttl: .seconds(60))
            for _ in 0..<3 { #expect(try await f.subject.cached(e.session.id) == e) }
            try await f.subject.invalidate(e.session.id)
            #expect(try await f.subject.cached(e.session.id) == nil)
        },
        ContractCheck("an entry disappears after its ttl") { f in
            let e = entry(at: f.now())
            try await f.subject.store(e, ttl: .seconds(1))
            try await f.advance(.milliseconds(2100))
            #expect(try await f.subject.cached(e.session.id) == nil)
        },
        ContractCheck("an invalidated session cannot be cached again by a stale reader") { f in
            let e = entry(at: f.now())
            try await f.subject.store(e, ttl: .seconds(60))
            try await f.subject.invalidate(e.session.id)
            #expect(try await f.subject.cached(e.session.id) == nil)
            try await f.subject.store(e, ttl: .seconds(60))
            #expect(try await f.subject.cached(e.session.id) == nil)
        },
        ContractCheck("invalidateAll drops every session of the user and no other") { f in
            let a = entry(at: f.now())
            var b = entry(at: f.now())
            b.user = a.user
            b.session.userID = a.user.id
            let other = entry(at: f.now())
            for e in [a, b, other] { try await f.subject.store(e, ttl: .seconds(60)) }
            try await f.subject.invalidateAll(of: a.user.id)
            #expect(try await f.subject.cached(a.session.id) == nil)
            #expect(try await f.subject.cached(b.session.id) == nil)
            #expect(try await f.subject.cached(other.session.id) == other)
        },
        ContractCheck("after invalidateAll a stale reader cannot put a session of the user back") { f in
            // A request read the session (say, before a password reset) and writes it to the cache
            // after the reset invalidated the user: the entry must not come back.
            let stale = entry(at: f.now())
            try await f.subject.invalidateAll(of: stale.user.id)
            try await f.subject.store(stale, ttl: .seconds(60))
            #expect(try await f.subject.cached(stale.session.id) == nil)
        },
        ContractCheck("invalidating many sessions at once drops each, no other, and none can be put back") { f in
            // "Sign out everywhere else" with more sessions than one batch of the Redis adapter.
            let first = entry(at: f.now())
            var ended = [first]
            for _ in 1..<1_200 {
                var e = entry(at: f.now())
                e.user = first.user
                e.session.userID = first.user.id
                ended.append(e)
            }
            var kept = entry(at: f.now())
            kept.user = first.user
            kept.session.userID = first.user.id
            for e in ended + [kept] { try await f.subject.store(e, ttl: .seconds(60)) }
            try await f.subject.invalidate(sessions: ended.map(\.session.id))
            for e in ended { #expect(try await f.subject.cached(e.session.id) == nil) }
            #expect(try await f.subject.cached(kept.session.id) == kept)
            // A stale reader cannot put one back.
            try await f.subject.store(ended[700], ttl: .seconds(60))
            #expect(try await f.subject.cached(ended[700].session.id) == nil)
            try await f.subject.invalidate(sessions: [])
        },
    ]
}
