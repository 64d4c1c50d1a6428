import AuthCore
import Foundation
import Testing

/// The behaviour every ``AdminDirectory`` adapter must show, over the stores of one
/// ``AuthDependencies`` (the directory reads what the user, session and audit stores wrote).
public enum AdminDirectoryContract {
    static let client = ClientContext(ip: IPAddress("198.51.100.9"), userAgent: "UA", clientName: "web")

    static func user(_ email: String, verified: Bool = false, at now: Date) -> User {
        User(email: EmailAddress(normalized: email), isEmailVerified: verified, createdAt: now)
    }

    /// Every check.
    public static let checks: [ContractCheck<AuthDependencies>] = [
        ContractCheck("users are listed by address prefix, in address order, a page at a time") { f in
            let d = f.subject
            for name in ["carol", "ann", "bob", "anna", "andy"] {
                try await d.users.insert(user("\(name)@example.com", at: f.now()))
            }
            let first = try await d.directory.users(withEmailPrefix: "an", cursor: nil, limit: 2)
            #expect(first.items.map(\.email.value) == ["andy@example.com", "ann@example.com"])
            let second = try await d.directory.users(withEmailPrefix: "an", cursor: try #require(first.next), limit: 2)
            #expect(second.items.map(\.email.value) == ["anna@example.com"])
            #expect(second.next == nil)
            let everyone = try await d.directory.users(withEmailPrefix: "", cursor: nil, limit: 10)
            #expect(everyone.items.count == 5)
            #expect(everyone.next == nil)
        },
        ContractCheck("a prefix matches literally: % and _ are not wildcards") { f in
            let d = f.subject
            try await d.users.insert(user("a_b@example.com", at: f.now()))
            try await d.users.insert(user("axb@example.com", at: f.now()))
            try await d.users.insert(user("a%c@example.com", at: f.now()))
            let underscore = try await d.directory.users(withEmailPrefix: "a_", cursor: nil, limit: 10)
            #expect(underscore.items.map(\.email.value) == ["a_b@example.com"])
            let percent = try await d.directory.users(withEmailPrefix: "%", cursor: nil, limit: 10)
            #expect(percent.items.isEmpty)
        },
        ContractCheck("a forged cursor is an invalid request, not a failure") { f in
            for cursor in ["", "zzz", "e!!!", "s-1", "s99999999999999999999999"] {
                await #expect(throws: AuthError.self) {
                    _ = try await f.subject.directory.users(withEmailPrefix: "", cursor: cursor, limit: 5)
                }
                do {
                    _ = try await f.subject.directory.auditEvents(AuditQuery(cursor: cursor), limit: 5)
                    Issue.record("cursor \(cursor) was accepted")
                } catch let error as AuthError {
                    #expect(error.code == .invalidRequest)
                }
            }
        },
        ContractCheck("the audit log is filtered by user, kind and time, newest first, paged, with its actor") { f in
            let d = f.subject
            let ada = user("ada@example.com", at: f.now())
            let admin = user("admin@example.com", at: f.now())
            try await d.users.insert(ada)
            try await d.users.insert(admin)
            let start = f.now()
            let kinds: [AuditEvent.Kind] = [.signInFailed, .signInSucceeded, .userBanned, .userUnbanned]
            for (i, kind) in kinds.enumerated() {
                try await d.audit.record(AuditEvent(
                    kind: kind, userID: ada.id, actorID: kind == .userBanned ? admin.id : nil, email: ada.email,
                    client: client, at: start.addingTimeInterval(Double(i))))
            }
            try await d.audit.record(AuditEvent(kind: .signUp, userID: admin.id, client: client, at: start))
            let mine = try await d.directory.auditEvents(AuditQuery(user: ada.id), limit: 3)
            #expect(mine.items.map(\.kind) == [.userUnbanned, .userBanned, .signInSucceeded])
            let rest = try await d.directory.auditEvents(AuditQuery(user: ada.id, cursor: try #require(mine.next)), limit: 3)
            #expect(rest.items.map(\.kind) == [.signInFailed])
            #expect(rest.next == nil)
            let bans = try await d.directory.auditEvents(AuditQuery(kind: .userBanned), limit: 10)
            #expect(bans.items.count == 1)
            #expect(bans.items.first?.actorID == admin.id)
            #expect(bans.items.first?.userID == ada.id)
            let late = try await d.directory.auditEvents(AuditQuery(since: start.addingTimeInterval(2)), limit: 10)
            #expect(Set(late.items.map(\.kind)) == [.userBanned, .userUnbanned])
        },
        ContractCheck("counts: accounts, verified, live sessions, sign-ins and failures since a time") { f in
            let d = f.subject
            let now = f.now()
            let ada = user("ada@example.com", verified: true, at: now)
            try await d.users.insert(ada)
            try await d.users.insert(user("bob@example.com", at: now))
            try await d.sessions.insert(Sample.session(of: ada.id, at: now))
            let revoked = Sample.session(of: ada.id, at: now)
            try await d.sessions.insert(revoked)
            try await d.sessions.revoke(revoked.id, at: now)
            var expired = Sample.session(of: ada.id, at: now.addingTimeInterval(-8 * 24 * 3600))
            expired.expiresAt = now.addingTimeInterval(-60)
            try await d.sessions.insert(expired)
            try await d.audit.record(AuditEvent(kind: .signInSucceeded, userID: ada.id, client: client, at: now))
            try await d.audit.record(AuditEvent(kind: .signInFailed, userID: ada.id, client: client, at: now))
            try await d.audit.record(AuditEvent(kind: .signInFailed, client: client, at: now))
            try await d.audit.record(AuditEvent(kind: .signInFailed, client: client, at: now.addingTimeInterval(-2 * 24 * 3600)))
            let counts = try await d.directory.counts(at: now, since: now.addingTimeInterval(-24 * 3600))
            #expect(counts == DirectoryCounts(users: 2, verifiedUsers: 1, liveSessions: 1, signIns: 1, signInFailures: 2))
        },
    ]
}
