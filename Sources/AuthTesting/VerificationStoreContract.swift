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
        ContractCheck("pending sign-ups live beside each other and a resend replaces none of them") { f in
            let user = try await f.subject.makeUser(at: f.now())
            var owner = code(for: user.id, hash: [1], at: f.now())
            owner.pendingPasswordHash = "owner-phc"
            var other = code(for: user.id, hash: [2], at: f.now().addingTimeInterval(1))
            other.pendingPasswordHash = "other-phc"
            try await f.subject.store.add(owner)
            try await f.subject.store.replace(with: other)  // a pending row never replaces, even through replace
            let resent = code(for: user.id, hash: [3], at: f.now())
            try await f.subject.store.replace(with: resent)
            let resentAgain = code(for: user.id, hash: [4], at: f.now())
            try await f.subject.store.replace(with: resentAgain)
            #expect(try await f.subject.store.code(id: resent.id) == nil)  // resends replace each other
            let pending = try await f.subject.store.pendingSignUps(of: user.id, at: f.now())
            #expect(pending.map(\.id) == [other.id, owner.id])
            #expect(pending.map(\.pendingPasswordHash) == ["other-phc", "owner-phc"])
            guard case .redeemed(let row) = try await f.subject.store.redeem(id: owner.id, purpose: .signUp, codeHash: [1], at: f.now(), maxAttempts: 5)
            else { Issue.record("the owner's own code should redeem"); return }
            #expect(row.pendingPasswordHash == "owner-phc")
        },
        ContractCheck("discard kills every live code of the user and purpose, pending ones too") { f in
            let user = try await f.subject.makeUser(at: f.now())
            var pending = code(for: user.id, hash: [1], at: f.now())
            pending.pendingPasswordHash = "phc"
            try await f.subject.store.add(pending)
            let resent = code(for: user.id, hash: [2], at: f.now())
            try await f.subject.store.replace(with: resent)
            let mfa = code(for: user.id, .mfa, at: f.now())
            try await f.subject.store.replace(with: mfa)
            try await f.subject.store.discard(of: user.id, purpose: .signUp)
            #expect(try await f.subject.store.redeem(id: pending.id, purpose: .signUp, codeHash: [1], at: f.now(), maxAttempts: 5) == .notFound)
            #expect(try await f.subject.store.redeem(id: resent.id, purpose: .signUp, codeHash: [2], at: f.now(), maxAttempts: 5) == .notFound)
            #expect(try await f.subject.store.code(id: mfa.id) != nil)
            #expect(try await f.subject.store.pendingSignUps(of: user.id, at: f.now()).isEmpty)
        },
        ContractCheck("a decoy without a user counts guesses, dies after the limit and expires like a real code") { f in
            let decoy = VerificationCode(
                userID: nil, purpose: .passwordReset, codeHash: [7, 7, 7], createdAt: f.now(), expiresAt: f.now().addingTimeInterval(900))
            let other = VerificationCode(
                userID: nil, purpose: .passwordReset, codeHash: [8, 8, 8], createdAt: f.now(), expiresAt: f.now().addingTimeInterval(900))
            try await f.subject.store.add(decoy)
            try await f.subject.store.add(other)  // decoys never replace each other
            for remaining in (0..<5).reversed() {
                #expect(try await f.subject.store.redeem(
                    id: decoy.id, purpose: .passwordReset, codeHash: [], at: f.now(), maxAttempts: 5) == .mismatch(remainingAttempts: remaining))
            }
            #expect(try await f.subject.store.redeem(id: decoy.id, purpose: .passwordReset, codeHash: [], at: f.now(), maxAttempts: 5) == .exhausted)
            #expect(try await f.subject.store.redeem(
                id: other.id, purpose: .passwordReset, codeHash: [], at: other.expiresAt, maxAttempts: 5) == .expired)
            #expect(try await f.subject.store.code(id: decoy.id)?.userID == nil)
        },
        ContractCheck("erasing a user removes their codes only") { f in
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            let (a, b) = (code(for: gone.id, at: f.now()), code(for: kept.id, at: f.now()))
            try await f.subject.store.replace(with: a)
            try await f.subject.store.replace(with: b)
            try await f.subject.store.eraseData(of: gone)
            let erased = try await f.subject.store.redeem(id: a.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5)
            #expect(erased == .notFound)
            let other = try await f.subject.store.redeem(id: b.id, purpose: .signUp, codeHash: [1, 2, 3], at: f.now(), maxAttempts: 5)
            guard case .redeemed = other else { Issue.record("expected the other user's code to redeem, got \(other)"); return }
        },
    ]
}
