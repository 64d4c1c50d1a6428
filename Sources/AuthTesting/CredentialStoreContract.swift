import AuthCore
import Testing

/// The behaviour every ``CredentialStore`` adapter must show.
public enum CredentialStoreContract {
    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any CredentialStore>>] = [
        ContractCheck("a user without a password has none") { f in
            let user = try await f.subject.makeUser(at: f.now())
            #expect(try await f.subject.store.passwordHash(for: user.id) == nil)
        },
        ContractCheck("a stored hash is read back and can be replaced") { f in
            let user = try await f.subject.makeUser(at: f.now())
            try await f.subject.store.setPasswordHash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA", for: user.id)
            #expect(try await f.subject.store.passwordHash(for: user.id) == "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA")
            try await f.subject.store.setPasswordHash("second", for: user.id)
            #expect(try await f.subject.store.passwordHash(for: user.id) == "second")
        },
        ContractCheck("hashes are per user") { f in
            let a = try await f.subject.makeUser(at: f.now())
            let b = try await f.subject.makeUser(at: f.now())
            try await f.subject.store.setPasswordHash("a-hash", for: a.id)
            #expect(try await f.subject.store.passwordHash(for: b.id) == nil)
        },
        ContractCheck("compare-and-set replaces only the hash it expects") { f in
            let user = try await f.subject.makeUser(at: f.now())
            try await f.subject.store.setPasswordHash("old", for: user.id)
            try await f.subject.store.setPasswordHash("reset", for: user.id)  // a reset lands meanwhile
            #expect(try await f.subject.store.replacePasswordHash("rehashed-old", for: user.id, ifCurrent: "old") == false)
            #expect(try await f.subject.store.passwordHash(for: user.id) == "reset")
            #expect(try await f.subject.store.replacePasswordHash("rehashed-reset", for: user.id, ifCurrent: "reset"))
            #expect(try await f.subject.store.passwordHash(for: user.id) == "rehashed-reset")
        },
        ContractCheck("a removed password is gone") { f in
            let user = try await f.subject.makeUser(at: f.now())
            try await f.subject.store.setPasswordHash("a-hash", for: user.id)
            try await f.subject.store.removePasswordHash(for: user.id)
            #expect(try await f.subject.store.passwordHash(for: user.id) == nil)
            try await f.subject.store.removePasswordHash(for: user.id)  // idempotent
        },
        ContractCheck("erasing a user removes their password only") { f in
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            try await f.subject.store.setPasswordHash("gone-hash", for: gone.id)
            try await f.subject.store.setPasswordHash("kept-hash", for: kept.id)
            try await f.subject.store.eraseData(of: gone)
            #expect(try await f.subject.store.passwordHash(for: gone.id) == nil)
            #expect(try await f.subject.store.passwordHash(for: kept.id) == "kept-hash")
            try await f.subject.store.eraseData(of: gone)
        },
    ]
}
