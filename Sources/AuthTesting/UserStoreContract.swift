import AuthCore
import Foundation
import Testing

/// The behaviour every ``UserStore`` adapter must show.
public enum UserStoreContract {
    /// Every check.
    public static let checks: [ContractCheck<any UserStore>] = [
        ContractCheck("inserted user is found by id and email") { f in
            let user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            #expect(try await f.subject.user(id: user.id) == user)
            #expect(try await f.subject.user(email: user.email) == user)
        },
        ContractCheck("unknown id and email are nil") { f in
            let byID = try await f.subject.user(id: UserID())
            let byEmail = try await f.subject.user(email: EmailAddress(normalized: "nobody-\(UUID())@example.com"))
            #expect(byID == nil)
            #expect(byEmail == nil)
        },
        ContractCheck("a second user with the same email is a conflict") { f in
            let first = Sample.user(at: f.now())
            try await f.subject.insert(first)
            let second = User(email: first.email, createdAt: f.now())
            let error = await #expect(throws: AuthError.self) { try await f.subject.insert(second) }
            #expect(error?.code == .conflict)
            #expect(try await f.subject.user(id: second.id) == nil)
        },
        ContractCheck("an address change moves the user: found by the new address, not the old") { f in
            let user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            let new = EmailAddress(normalized: "moved-\(UUID())@example.com")
            try await f.subject.changeEmail(user.id, to: new, at: f.now())
            #expect(try await f.subject.user(email: new)?.id == user.id)
            #expect(try await f.subject.user(email: user.email) == nil)
            #expect(try await f.subject.user(id: user.id)?.email == new)
            // The old address is free again.
            try await f.subject.insert(User(email: user.email, createdAt: f.now()))
        },
        ContractCheck("an address change to a taken address is a conflict; to an unknown user, not found") { f in
            let a = Sample.user(at: f.now())
            let b = Sample.user(at: f.now())
            try await f.subject.insert(a)
            try await f.subject.insert(b)
            let error = await #expect(throws: AuthError.self) { try await f.subject.changeEmail(a.id, to: b.email, at: f.now()) }
            #expect(error?.code == .conflict)
            #expect(try await f.subject.user(id: a.id)?.email == a.email)
            let missing = await #expect(throws: AuthError.self) {
                try await f.subject.changeEmail(UserID(), to: EmailAddress(normalized: "ghost-\(UUID())@example.com"), at: f.now())
            }
            #expect(missing?.code == .notFound)
        },
        ContractCheck("of 10 users claiming one address at once exactly one gets it") { f in
            let store = f.subject
            var users: [User] = []
            for _ in 0..<10 {
                let user = Sample.user(at: f.now())
                try await store.insert(user)
                users.append(user)
            }
            let target = EmailAddress(normalized: "claimed-\(UUID())@example.com")
            let now = f.now()
            let winners = await withTaskGroup(of: Bool.self) { group in
                for user in users { group.addTask { (try? await store.changeEmail(user.id, to: target, at: now)) != nil } }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
            #expect(try await store.user(email: target) != nil)
        },
        ContractCheck("20 concurrent inserts with one email create exactly one user") { f in
            let email = EmailAddress(normalized: "race-\(UUID())@example.com")
            let store = f.subject
            let now = f.now()
            let successes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<20 {
                    group.addTask { (try? await store.insert(User(email: email, createdAt: now))) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(successes == 1)
            let stored = try await store.user(email: email)
            #expect(stored != nil)
        },
        ContractCheck("targeted changes write their own field and keep the others") { f in
            let user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            let later = f.now().addingTimeInterval(5)
            #expect(try await f.subject.markEmailVerified(user.id, at: later))
            #expect(try await f.subject.markEmailVerified(user.id, at: later) == false)  // already verified
            try await f.subject.setEmailFactor(user.id, enabled: true, at: later)
            try await f.subject.setBanned(user.id, true, at: later)
            let stored = try #require(try await f.subject.user(id: user.id))
            #expect(stored.isEmailVerified && stored.emailFactorEnabled && stored.isBanned)
            #expect(stored.email == user.email)
            #expect(stored.updatedAt == later)
        },
        ContractCheck("changes to an unknown user are not found") { f in
            let error = await #expect(throws: AuthError.self) {
                try await f.subject.setBanned(UserID(), true, at: f.now())
            }
            #expect(error?.code == .notFound)
            await #expect(throws: AuthError.self) { try await f.subject.markEmailVerified(UserID(), at: f.now()) }
        },
        ContractCheck("an MFA switch racing a ban never undoes the ban") { f in
            let user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            let store = f.subject
            let now = f.now()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<20 {
                    group.addTask { try await store.setEmailFactor(user.id, enabled: round.isMultiple(of: 2), at: now) }
                }
                group.addTask { try await store.setBanned(user.id, true, at: now) }
                try await group.waitForAll()
            }
            #expect(try await store.user(id: user.id)?.isBanned == true)
        },
        ContractCheck("of concurrent verifications exactly one makes the change") { f in
            let user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            let store = f.subject
            let now = f.now()
            let flips = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await store.markEmailVerified(user.id, at: now) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(flips == 1)
        },
        ContractCheck("erasing a user forgets them by id and address, leaves others, and can run again") { f in
            let (gone, kept) = (Sample.user(at: f.now()), Sample.user(at: f.now()))
            try await f.subject.insert(gone)
            try await f.subject.insert(kept)
            try await f.subject.eraseData(of: gone)
            #expect(try await f.subject.user(id: gone.id) == nil)
            #expect(try await f.subject.user(email: gone.email) == nil)
            #expect(try await f.subject.user(id: kept.id) == kept)
            try await f.subject.eraseData(of: gone)
        },
    ]
}
