import AuthCore
import Foundation
import Testing

/// The behaviour every ``PasskeyStore`` adapter must show.
public enum PasskeyStoreContract {
    static func passkey(of user: User, at now: Date, id credentialID: [UInt8]? = nil, name: String = "Laptop") -> Passkey {
        Passkey(
            userID: user.id, credentialID: credentialID ?? (0..<16).map { _ in UInt8.random(in: 0...255) },
            publicKey: [0xA5, 0x01, 0x02], algorithm: -7, signCount: 3, backupEligible: true, backedUp: false,
            transports: ["internal", "hybrid"], aaguid: Array(repeating: 7, count: 16), name: name, createdAt: now)
    }

    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any PasskeyStore>>] = [
        ContractCheck("a passkey is stored as given, listed for its user only, and found by its credential id") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let added = passkey(of: user, at: f.now())
            try await store.add(added)
            #expect(try await store.passkeys(of: user.id) == [added])
            #expect(try await store.passkeys(of: other.id).isEmpty)
            #expect(try await store.passkey(credentialID: added.credentialID) == added)
            #expect(try await store.passkey(credentialID: [1, 2, 3]) == nil)
        },
        ContractCheck("a credential id is registered once, whoever tries again") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let first = passkey(of: user, at: f.now())
            try await store.add(first)
            for holder in [user, other] {
                let error = await #expect(throws: AuthError.self) {
                    try await store.add(passkey(of: holder, at: f.now(), id: first.credentialID))
                }
                #expect(error?.code == .conflict)
            }
            #expect(try await store.passkeys(of: other.id).isEmpty)
        },
        ContractCheck("passkeys are listed oldest first; rename and remove touch only the owner's") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let first = passkey(of: user, at: f.now(), name: "Phone")
            try await f.advance(.seconds(1))
            let second = passkey(of: user, at: f.now(), name: "Key")
            try await store.add(second)
            try await store.add(first)
            #expect(try await store.passkeys(of: user.id).map(\.name) == ["Phone", "Key"])
            #expect(try await store.rename(first.id, of: other.id, to: "Stolen") == false)
            #expect(try await store.rename(first.id, of: user.id, to: "Old phone") == true)
            #expect(try await store.remove(second.id, of: other.id) == false)
            #expect(try await store.remove(second.id, of: user.id) == true)
            #expect(try await store.remove(second.id, of: user.id) == false)
            #expect(try await store.passkeys(of: user.id).map(\.name) == ["Old phone"])
        },
        ContractCheck("a use is recorded once against the counter it was checked with") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let added = passkey(of: user, at: f.now())
            try await store.add(added)
            try await f.advance(.seconds(5))
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await store.recordUse(added.id, expectedSignCount: 3, signCount: 4, backedUp: true, at: f.now())
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
            let stored = try #require(try await store.passkey(credentialID: added.credentialID))
            #expect(stored.signCount == 4)
            #expect(stored.backedUp == true)
            #expect(stored.lastUsedAt == f.now())
            #expect(try await store.recordUse(added.id, expectedSignCount: 3, signCount: 9, backedUp: true, at: f.now()) == false)
        },
        ContractCheck("a user's handle is made once and names only that user") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            let handle = try await store.userHandle(of: user.id, proposing: Array(repeating: 1, count: 32))
            #expect(handle == Array(repeating: 1, count: 32))
            #expect(try await store.userHandle(of: user.id, proposing: Array(repeating: 2, count: 32)) == handle)
            let otherHandle = try await store.userHandle(of: other.id, proposing: Array(repeating: 3, count: 32))
            #expect(try await store.userID(forHandle: handle) == user.id)
            #expect(try await store.userID(forHandle: otherHandle) == other.id)
            #expect(try await store.userID(forHandle: Array(repeating: 9, count: 32)) == nil)
        },
        ContractCheck("removing all of a user's passkeys leaves other users' and forgets the handle") { f in
            let store = f.subject.store
            let user = try await f.subject.makeUser(at: f.now())
            let other = try await f.subject.makeUser(at: f.now())
            try await store.add(passkey(of: user, at: f.now()))
            let kept = passkey(of: other, at: f.now())
            try await store.add(kept)
            let handle = try await store.userHandle(of: user.id, proposing: Array(repeating: 4, count: 32))
            try await store.removeAll(of: user.id)
            #expect(try await store.passkeys(of: user.id).isEmpty)
            #expect(try await store.userID(forHandle: handle) == nil)
            #expect(try await store.passkeys(of: other.id) == [kept])
        },
        ContractCheck("erasing a user removes their passkeys only") { f in
            let store = f.subject.store
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            let (a, b) = (passkey(of: gone, at: f.now()), passkey(of: kept, at: f.now()))
            try await store.add(a)
            try await store.add(b)
            try await store.eraseData(of: gone)
            #expect(try await store.passkeys(of: gone.id).isEmpty)
            #expect(try await store.passkey(credentialID: a.credentialID) == nil)
            #expect(try await store.passkeys(of: kept.id) == [b])
        },
    ]
}
