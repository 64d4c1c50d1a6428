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
        ContractCheck("update replaces every field") { f in
            var user = Sample.user(at: f.now())
            try await f.subject.insert(user)
            user.isEmailVerified = true
            user.emailFactorEnabled = true
            user.isBanned = true
            user.imageURL = "https://example.com/a.png"
            user.updatedAt = f.now().addingTimeInterval(5)
            try await f.subject.update(user)
            #expect(try await f.subject.user(id: user.id) == user)
        },
        ContractCheck("updating an unknown user is not found") { f in
            let error = await #expect(throws: AuthError.self) {
                try await f.subject.update(Sample.user(at: f.now()))
            }
            #expect(error?.code == .notFound)
        },
    ]
}
