import AuthCore
import Foundation
import Testing

/// The behaviour every ``SecondFactorStore`` adapter must show.
public enum SecondFactorStoreContract {
    static func authenticator(of user: User, at now: Date, name: String = "Phone") -> TOTPAuthenticator {
        TOTPAuthenticator(userID: user.id, name: name, sealedSecret: Array(repeating: 0xA5, count: 48), createdAt: now)
    }

    static func hashes(_ tag: UInt8) -> [[UInt8]] {
        (0..<10).map { [tag, UInt8($0)] + Array(repeating: 0x11, count: 30) }
    }

    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any SecondFactorStore>>] = [
        ContractCheck("an authenticator is stored unconfirmed, listed for its user only, and confirmed once") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let added = authenticator(of: user, at: f.now())
            try await store.addAuthenticator(added)
            #expect(try await store.authenticators(of: user.id) == [added])
            #expect(try await store.authenticators(of: other.id).isEmpty)
            #expect(try await store.confirmAuthenticator(added.id, of: other.id, at: f.now()) == false)
            try await f.advance(.seconds(5))
            #expect(try await store.confirmAuthenticator(added.id, of: user.id, at: f.now()) == true)
            #expect(try await store.confirmAuthenticator(added.id, of: user.id, at: f.now()) == false)
            let stored = try #require(try await store.authenticators(of: user.id).first)
            #expect(stored.confirmedAt == f.now())
            #expect(stored.sealedSecret == added.sealedSecret)
        },
        ContractCheck("a user holds several authenticators, oldest first; removing one leaves the others") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let first = authenticator(of: user, at: f.now(), name: "Phone")
            try await f.advance(.seconds(1))
            let second = authenticator(of: user, at: f.now(), name: "Tablet")
            try await store.addAuthenticator(second)
            try await store.addAuthenticator(first)
            #expect(try await store.authenticators(of: user.id).map(\.name) == ["Phone", "Tablet"])
            let stranger = try await f.subject.makeUser(at: f.now())
            #expect(try await store.removeAuthenticator(first.id, of: stranger.id, unconfirmedOnly: false) == false)
            #expect(try await store.removeAuthenticator(first.id, of: user.id, unconfirmedOnly: false) == true)
            #expect(try await store.removeAuthenticator(first.id, of: user.id, unconfirmedOnly: false) == false)
            #expect(try await store.authenticators(of: user.id).map(\.id) == [second.id])
        },
        ContractCheck("removing only an unconfirmed authenticator leaves a confirmed one") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let phone = authenticator(of: user, at: f.now())
            try await store.addAuthenticator(phone)
            _ = try await store.confirmAuthenticator(phone.id, of: user.id, at: f.now())
            #expect(try await store.removeAuthenticator(phone.id, of: user.id, unconfirmedOnly: true) == false)
            #expect(try await store.authenticators(of: user.id).map(\.id) == [phone.id])
            let pending = authenticator(of: user, at: f.now(), name: "Pending")
            try await store.addAuthenticator(pending)
            #expect(try await store.removeAuthenticator(pending.id, of: user.id, unconfirmedOnly: true))
        },
        ContractCheck("concurrent replacements of a recovery code set leave exactly one set") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let now = f.now()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for tag in UInt8(10)..<16 {
                    group.addTask { try await store.replaceRecoveryCodes(of: user.id, with: hashes(tag), at: now) }
                }
                try await group.waitForAll()
            }
            #expect(try await store.recoveryCodesLeft(of: user.id) == 10)
        },
        ContractCheck("a time step is accepted once per user, only when later than the last, from any authenticator") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let phone = authenticator(of: user, at: f.now())
            let tablet = authenticator(of: user, at: f.now(), name: "Tablet")
            try await store.addAuthenticator(phone)
            try await store.addAuthenticator(tablet)
            #expect(try await store.acceptStep(1000, authenticator: phone.id, of: user.id, at: f.now()) == true)
            #expect(try await store.acceptStep(1000, authenticator: phone.id, of: user.id, at: f.now()) == false)
            #expect(try await store.acceptStep(1000, authenticator: tablet.id, of: user.id, at: f.now()) == false)
            #expect(try await store.acceptStep(999, authenticator: tablet.id, of: user.id, at: f.now()) == false)
            try await f.advance(.seconds(30))
            #expect(try await store.acceptStep(1001, authenticator: tablet.id, of: user.id, at: f.now()) == true)
            let byID = Dictionary(uniqueKeysWithValues: try await store.authenticators(of: user.id).map { ($0.id, $0) })
            #expect(byID[tablet.id]?.lastUsedAt == f.now())
            // Another user's steps are their own, and nobody may use another's authenticator.
            let other = try await f.subject.makeUser(at: f.now())
            #expect(try await store.acceptStep(1001, authenticator: phone.id, of: other.id, at: f.now()) == false)
        },
        ContractCheck("of concurrent submissions of one time step exactly one is accepted") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let phone = authenticator(of: user, at: f.now())
            try await store.addAuthenticator(phone)
            let now = f.now()
            let accepted = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await store.acceptStep(77, authenticator: phone.id, of: user.id, at: now) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 1)
        },
        ContractCheck("unconfirmed authenticators older than the cutoff are purged; confirmed ones stay") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let abandoned = authenticator(of: user, at: f.now())
            let kept = authenticator(of: user, at: f.now(), name: "Kept")
            try await store.addAuthenticator(abandoned)
            try await store.addAuthenticator(kept)
            _ = try await store.confirmAuthenticator(kept.id, of: user.id, at: f.now())
            try await f.advance(.seconds(3600))
            let fresh = authenticator(of: user, at: f.now(), name: "Fresh")
            try await store.addAuthenticator(fresh)
            #expect(try await store.purgeUnconfirmed(createdBefore: f.now().addingTimeInterval(-60)) == 1)
            #expect(Set(try await store.authenticators(of: user.id).map(\.id)) == [kept.id, fresh.id])
        },
        ContractCheck("a recovery code works once, the count goes down, and a new set kills the old one") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            #expect(try await store.recoveryCodesLeft(of: user.id) == 0)
            let old = hashes(1)
            try await store.replaceRecoveryCodes(of: user.id, with: old, at: f.now())
            #expect(try await store.recoveryCodesLeft(of: user.id) == 10)
            #expect(try await store.useRecoveryCode(old[3], of: user.id, at: f.now()) == true)
            #expect(try await store.useRecoveryCode(old[3], of: user.id, at: f.now()) == false)
            #expect(try await store.recoveryCodesLeft(of: user.id) == 9)
            let other = try await f.subject.makeUser(at: f.now())
            #expect(try await store.useRecoveryCode(old[4], of: other.id, at: f.now()) == false)
            let new = hashes(2)
            try await store.replaceRecoveryCodes(of: user.id, with: new, at: f.now())
            #expect(try await store.recoveryCodesLeft(of: user.id) == 10)
            #expect(try await store.useRecoveryCode(old[4], of: user.id, at: f.now()) == false)
            #expect(try await store.useRecoveryCode(new[4], of: user.id, at: f.now()) == true)
        },
        ContractCheck("of concurrent uses of one recovery code exactly one succeeds") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let set = hashes(3)
            try await store.replaceRecoveryCodes(of: user.id, with: set, at: f.now())
            let now = f.now()
            let used = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await store.useRecoveryCode(set[0], of: user.id, at: now) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(used == 1)
            #expect(try await store.recoveryCodesLeft(of: user.id) == 9)
        },
        ContractCheck("removing everything of a user clears authenticators, codes and the replay guard") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let phone = authenticator(of: user, at: f.now())
            try await store.addAuthenticator(phone)
            #expect(try await store.acceptStep(500, authenticator: phone.id, of: user.id, at: f.now()))
            try await store.replaceRecoveryCodes(of: user.id, with: hashes(4), at: f.now())
            try await store.removeAll(of: user.id)
            #expect(try await store.authenticators(of: user.id).isEmpty)
            #expect(try await store.recoveryCodesLeft(of: user.id) == 0)
            let again = authenticator(of: user, at: f.now())
            try await store.addAuthenticator(again)
            #expect(try await store.acceptStep(400, authenticator: again.id, of: user.id, at: f.now()))
        },
        ContractCheck("erasing a user removes their authenticators only") { f in
            let store = f.subject.store
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            let (a, b) = (authenticator(of: gone, at: f.now()), authenticator(of: kept, at: f.now()))
            try await store.addAuthenticator(a)
            try await store.addAuthenticator(b)
            try await store.eraseData(of: gone)
            #expect(try await store.authenticators(of: gone.id).isEmpty)
            #expect(try await store.authenticators(of: kept.id) == [b])
            try await store.eraseData(of: gone)
        },
    ]
}
