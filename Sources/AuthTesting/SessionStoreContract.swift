import AuthCore
import Foundation
import Testing

/// The behaviour every ``SessionStore`` adapter must show.
public enum SessionStoreContract {
    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any SessionStore>>] = [
        ContractCheck("a slide moves a live session's expiry and last use; an ended session stays ended") { f in
            let store = f.subject.store
            let now = f.now()
            let user = try await f.subject.makeUser(at: now)
            let (live, revoked) = (Sample.session(of: user.id, at: now), Sample.session(of: user.id, at: now))
            for s in [live, revoked] { try await store.insert(s) }
            try await store.revoke(revoked.id, at: now)
            let later = now.addingTimeInterval(3600)
            let until = later.addingTimeInterval(7 * 86_400)
            #expect(try await store.slide(live.id, until: until, at: later))
            let slid = try #require(try await store.session(id: live.id))
            #expect(abs(slid.expiresAt.timeIntervalSince(until)) < 0.001 && abs(slid.lastUsedAt.timeIntervalSince(later)) < 0.001)
            #expect(try await store.slide(revoked.id, until: until, at: later) == false)
            let untouched = try #require(try await store.session(id: revoked.id))
            #expect(abs(untouched.expiresAt.timeIntervalSince(revoked.expiresAt)) < 0.001)
            // Past its expiry a session is over: a refresh cannot bring it back.
            #expect(try await store.slide(live.id, until: until.addingTimeInterval(86_400), at: until.addingTimeInterval(1)) == false)
        },
        ContractCheck("an inserted session is read back whole") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let session = Sample.session(of: user.id, at: f.now())
            try await f.subject.store.insert(session)
            #expect(try await f.subject.store.session(id: session.id) == session)
            #expect(try await f.subject.store.session(id: SessionID()) == nil)
        },
        ContractCheck("active sessions come in pages that together hold each live session once, in order") { f in
            let store = f.subject.store
            let now = f.now()
            let user = try await f.subject.makeUser(at: now)
            var live: [Session] = []
            for n in 0..<7 {
                // Pairs share their last use, so the order falls back to creation, then id.
                var s = Sample.session(of: user.id, at: now.addingTimeInterval(-Double(600 - n * 10)))
                s.lastUsedAt = now.addingTimeInterval(-Double(100 - (n / 2) * 10))
                live.append(s)
            }
            var twin = Sample.session(of: user.id, at: live[6].createdAt)
            twin.lastUsedAt = live[6].lastUsedAt
            live.append(twin)
            let revoked = Sample.session(of: user.id, at: now)
            for s in live + [revoked] { try await store.insert(s) }
            try await store.revoke(revoked.id, at: now)
            var pages: [[Session]] = []
            var cursor: SessionCursor?
            repeat {
                let page = try await store.activeSessions(of: user.id, at: now, after: cursor, limit: 3)
                pages.append(page)
                cursor = page.count == 3 ? page.last.map(SessionCursor.init(after:)) : nil
                if let next = cursor { cursor = try SessionCursor(next.description) }  // through its text form
            } while cursor != nil
            let seen = pages.flatMap { $0 }
            #expect(pages.map(\.count) == [3, 3, 2])
            #expect(Set(seen.map(\.id)) == Set(live.map(\.id)) && seen.count == live.count)
            for (a, b) in zip(seen, seen.dropFirst()) { #expect(SessionCursor(after: a).precedes(b)) }
            #expect(try await store.activeSessions(of: user.id, at: now, after: nil, limit: 100).map(\.id) == seen.map(\.id))
        },
        ContractCheck("sessions revoked since a moment are listed, most recent first") { f in
            let store = f.subject.store
            let now = f.now()
            let user = try await f.subject.makeUser(at: now)
            let (early, late, live) = (
                Sample.session(of: user.id, at: now), Sample.session(of: user.id, at: now), Sample.session(of: user.id, at: now))
            for s in [early, late, live] { try await store.insert(s) }
            try await store.revoke(early.id, at: now.addingTimeInterval(-120))
            try await store.revoke(late.id, at: now.addingTimeInterval(-10))
            #expect(try await store.revokedSessions(since: now.addingTimeInterval(-60), limit: 10) == [late.id])
            #expect(try await store.revokedSessions(since: now.addingTimeInterval(-600), limit: 10) == [late.id, early.id])
            #expect(try await store.revokedSessions(since: now.addingTimeInterval(-600), limit: 1) == [late.id])
        },
        ContractCheck("active sessions exclude revoked, expired and other users', newest use first") { f in
            let store = f.subject.store
            let now = f.now()
            let user = try await f.subject.makeUser(at: now)
            let other = try await f.subject.makeUser(at: now)
            let old = Sample.session(of: user.id, at: now.addingTimeInterval(-3600))
            let recent = Sample.session(of: user.id, at: now.addingTimeInterval(-60))
            let revoked = Sample.session(of: user.id, at: now)
            var expired = Sample.session(of: user.id, at: now.addingTimeInterval(-8 * 86400))
            expired.expiresAt = now.addingTimeInterval(-1)
            for s in [old, recent, revoked, expired, Sample.session(of: other.id, at: now)] { try await store.insert(s) }
            try await store.revoke(revoked.id, at: now)
            try await store.touch(old.id, at: now)
            let active = try await store.activeSessions(of: user.id, at: now)
            #expect(active.map(\.id) == [old.id, recent.id])
        },
        ContractCheck("touch moves last use forward only") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let session = Sample.session(of: user.id, at: f.now())
            try await f.subject.store.insert(session)
            let later = f.now().addingTimeInterval(120)
            try await f.subject.store.touch(session.id, at: later)
            try await f.subject.store.touch(session.id, at: f.now())
            #expect(try await f.subject.store.session(id: session.id)?.lastUsedAt == later)
        },
        ContractCheck("markAuthenticated moves the proof time of a live session only") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let session = Sample.session(of: user.id, at: f.now())
            try await f.subject.store.insert(session)
            #expect(try await f.subject.store.session(id: session.id)?.authenticatedAt == session.createdAt)
            let later = f.now().addingTimeInterval(300)
            #expect(try await f.subject.store.markAuthenticated(session.id, at: later, aal: nil))
            #expect(try await f.subject.store.session(id: session.id)?.authenticatedAt == later)
            #expect(try await f.subject.store.session(id: session.id)?.aal == 1)
            // A second factor proven again raises the session's level; a password never lowers it.
            #expect(try await f.subject.store.markAuthenticated(session.id, at: later, aal: 2))
            #expect(try await f.subject.store.markAuthenticated(session.id, at: later, aal: nil))
            #expect(try await f.subject.store.session(id: session.id)?.aal == 2)
            try await f.subject.store.revoke(session.id, at: later)
            #expect(try await f.subject.store.markAuthenticated(session.id, at: later.addingTimeInterval(1), aal: nil) == false)
        },
        ContractCheck("the second-factor proof time moves only with a second factor") { f in
            let user = try await f.subject.makeUser(at: f.now())
            var signedInWithApp = Sample.session(of: user.id, at: f.now())
            signedInWithApp.aal = 2
            signedInWithApp.secondFactorAt = f.now()
            try await f.subject.store.insert(signedInWithApp)
            #expect(try await f.subject.store.session(id: signedInWithApp.id)?.secondFactorAt == f.now())
            // A password proven later moves the proof time, not the second factor's: an unsafe
            // adapter that stores one time for both lets a phished password pass for the app.
            let later = f.now().addingTimeInterval(660)
            #expect(try await f.subject.store.markAuthenticated(signedInWithApp.id, at: later, aal: nil))
            let afterPassword = try #require(try await f.subject.store.session(id: signedInWithApp.id))
            #expect(afterPassword.authenticatedAt == later)
            #expect(afterPassword.secondFactorAt == f.now())
            let evenLater = later.addingTimeInterval(60)
            #expect(try await f.subject.store.markAuthenticated(signedInWithApp.id, at: evenLater, aal: 2))
            #expect(try await f.subject.store.session(id: signedInWithApp.id)?.secondFactorAt == evenLater)

            let passwordOnly = Sample.session(of: user.id, at: f.now())
            try await f.subject.store.insert(passwordOnly)
            #expect(try await f.subject.store.session(id: passwordOnly.id)?.secondFactorAt == nil)
        },
        ContractCheck("revoke ends a live session once") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let session = Sample.session(of: user.id, at: f.now())
            try await f.subject.store.insert(session)
            #expect(try await f.subject.store.revoke(session.id, at: f.now()))
            #expect(try await f.subject.store.revoke(session.id, at: f.now()) == false)
            let stored = try await f.subject.store.session(id: session.id)
            #expect(stored?.revokedAt == f.now())
            #expect(stored?.isActive(at: f.now()) == false)
        },
        ContractCheck("revokeAll keeps the named session and reports the rest") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let keep = Sample.session(of: user.id, at: f.now())
            let a = Sample.session(of: user.id, at: f.now())
            let b = Sample.session(of: user.id, at: f.now())
            let foreign = Sample.session(of: other.id, at: f.now())
            for s in [keep, a, b, foreign] { try await store.insert(s) }
            let ended = try await store.revokeAll(of: user.id, except: keep.id, at: f.now())
            #expect(Set(ended) == [a.id, b.id])
            #expect(try await store.activeSessions(of: user.id, at: f.now()).map(\.id) == [keep.id])
            #expect(try await store.session(id: foreign.id)?.revokedAt == nil)
            #expect(try await store.revokeAll(of: user.id, except: nil, at: f.now()) == [keep.id])
        },
        ContractCheck("purge deletes ended sessions only") { f in
            let store = f.subject.store
            let now = f.now()
            let user = try await f.subject.makeUser(at: now)
            var expired = Sample.session(of: user.id, at: now.addingTimeInterval(-8 * 86400))
            expired.expiresAt = now.addingTimeInterval(-10)
            let revoked = Sample.session(of: user.id, at: now.addingTimeInterval(-100))
            let live = Sample.session(of: user.id, at: now)
            for s in [expired, revoked, live] { try await store.insert(s) }
            try await store.revoke(revoked.id, at: now.addingTimeInterval(-50))
            #expect(try await store.purge(endedBefore: now) == 2)
            #expect(try await store.session(id: expired.id) == nil)
            #expect(try await store.session(id: live.id) != nil)
        },
        ContractCheck("erasing a user removes their sessions only") { f in
            let store = f.subject.store
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            let (a, b) = (Sample.session(of: gone.id, at: f.now()), Sample.session(of: kept.id, at: f.now()))
            for s in [a, b] { try await store.insert(s) }
            try await store.eraseData(of: gone)
            #expect(try await store.session(id: a.id) == nil)
            #expect(try await store.session(id: b.id) != nil)
            try await store.eraseData(of: gone)
        },
    ]
}
