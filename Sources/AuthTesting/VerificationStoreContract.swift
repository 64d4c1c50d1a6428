import AuthCore
import Foundation
import Testing

/// The behaviour every ``VerificationStore`` adapter must show.
public enum VerificationStoreContract {
    static func code(
        for user: UserID, _ purpose: VerificationPurpose = .signUp, hash: [UInt8] = [1, 2, 3], at now: Date
    ) -> VerificationCode {
        VerificationCode(userID: user, purpose: purpose, codeHash: hash, createdAt: now, expiresAt: now.addingTimeInterval(900))
    }

    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any VerificationStore>>] = [
        ContractCheck("the right code redeems once") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let row = code(for: user.id, at: f.now())
            try await f.subject.store.replace(with: row)
            let first = try await f.subject.store.redeem(id: row.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5)
            guard case .redeemed(let redeemed) = first else { Issue.record("expected redeemed, got \(first)"); return }
            #expect(redeemed.userID == user.id)
            #expect(redeemed.consumedAt == f.now())
            let second = try await f.subject.store.redeem(id: row.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5)
            #expect(second == .notFound)
        },
        ContractCheck("a code never works for another purpose") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let row = code(for: user.id, .mfa, at: f.now())
            try await f.subject.store.replace(with: row)
            #expect(try await f.subject.store.redeem(id: row.id, purpose: .passwordReset, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5) == .notFound)
        },
        ContractCheck("wrong codes count down, and after the limit even the right code fails") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let row = code(for: user.id, at: f.now())
            try await f.subject.store.replace(with: row)
            for remaining in (0..<5).reversed() {
                let outcome = try await f.subject.store.redeem(id: row.id, purpose: .signUp, codeHash: [9], at: f.now(), maxAttempts: 5)
                #expect(outcome == .mismatch(remainingAttempts: remaining))
            }
            #expect(try await f.subject.store.redeem(id: row.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5) == .exhausted)
        },
        ContractCheck("an expired code is refused") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let row = code(for: user.id, at: f.now())
            try await f.subject.store.replace(with: row)
            let late = row.expiresAt
            #expect(try await f.subject.store.redeem(id: row.id, purpose: .signUp, codeHash: [1, 2, 3], at: late, maxAttempts: 5) == .expired)
        },
        ContractCheck("replace kills the earlier code of the same user and purpose only") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let first = code(for: user.id, at: f.now())
            let mfa = code(for: user.id, .mfa, at: f.now())
            try await f.subject.store.replace(with: first)
            try await f.subject.store.replace(with: mfa)
            let second = code(for: user.id, hash: [4, 5, 6], at: f.now())
            try await f.subject.store.replace(with: second)
            #expect(try await f.subject.store.redeem(id: first.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5) == .notFound)
            #expect(try await f.subject.store.code(id: mfa.id) != nil)
            if case .redeemed = try await f.subject.store.redeem(id: second.id, purpose: .signUp, codeHash: [4, 5, 6], at: f.now(), maxAttempts: 5) {} else {
                Issue.record("the replacing code should redeem")
            }
        },
        ContractCheck("10 concurrent correct submissions redeem exactly once") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let row = code(for: user.id, at: f.now())
            let store = f.subject.store
            try await store.replace(with: row)
            let now = f.now()
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        if case .redeemed = try await store.redeem(id: row.id, purpose: .signUp, codeHash: [1, 2, 3], at: now, maxAttempts: 5) { return true }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        },
        ContractCheck("purge deletes expired codes only") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let old = code(for: user.id, .mfa, at: f.now().addingTimeInterval(-3600))
            let fresh = code(for: user.id, .signUp, at: f.now())
            try await f.subject.store.replace(with: old)
            try await f.subject.store.replace(with: fresh)
            #expect(try await f.subject.store.purge(expiredBefore: f.now()) == 1)
            #expect(try await f.subject.store.code(id: old.id) == nil)
            #expect(try await f.subject.store.code(id: fresh.id) != nil)
        },
    ]
}
