import AuthCore
import Testing

/// The behaviour every ``OAuthAccountStore`` adapter must show.
public enum OAuthAccountStoreContract {
    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any OAuthAccountStore>>] = [
        ContractCheck("a link is found by provider and subject, and listed for its user") { f in
            let user = try await f.subject.makeUser(at: f.now())
            let link = OAuthAccount(provider: "google", subject: "sub-1", userID: user.id, email: user.email, createdAt: f.now())
            try await f.subject.store.link(link)
            #expect(try await f.subject.store.account(provider: "google", subject: "sub-1") == link)
            #expect(try await f.subject.store.account(provider: "github", subject: "sub-1") == nil)
            #expect(try await f.subject.store.accounts(of: user.id) == [link])
        },
        ContractCheck("one provider identity links to one user only") { f in
            let a = try await f.subject.makeUser(at: f.now())
            let b = try await f.subject.makeUser(at: f.now())
            try await f.subject.store.link(OAuthAccount(provider: "google", subject: "s", userID: a.id, email: a.email, createdAt: f.now()))
            let error = await #expect(throws: AuthError.self) {
                try await f.subject.store.link(OAuthAccount(provider: "google", subject: "s", userID: b.id, email: b.email, createdAt: f.now()))
            }
            #expect(error?.code == .conflict)
        },
        ContractCheck("unlinking removes only that user's links at that provider") { f in
            let a = try await f.subject.makeUser(at: f.now())
            let b = try await f.subject.makeUser(at: f.now())
            let store = f.subject.store
            let aGoogle = OAuthAccount(provider: "google", subject: "a-1", userID: a.id, email: a.email, createdAt: f.now())
            let aGoogle2 = OAuthAccount(provider: "google", subject: "a-2", userID: a.id, email: a.email, createdAt: f.now())
            let aGitHub = OAuthAccount(provider: "github", subject: "a-3", userID: a.id, email: a.email, createdAt: f.now())
            let bGoogle = OAuthAccount(provider: "google", subject: "b-1", userID: b.id, email: b.email, createdAt: f.now())
            for link in [aGoogle, aGoogle2, aGitHub, bGoogle] { try await store.link(link) }
            #expect(Set(try await store.unlink(provider: "google", of: a.id)) == [aGoogle, aGoogle2])
            #expect(try await store.accounts(of: a.id) == [aGitHub])
            #expect(try await store.accounts(of: b.id) == [bGoogle])
            #expect(try await store.account(provider: "google", subject: "a-1") == nil)
            #expect(try await store.unlink(provider: "google", of: a.id).isEmpty)
            // An unlinked identity signs up afresh: it can be linked again (to anyone).
            try await store.link(OAuthAccount(provider: "google", subject: "a-1", userID: b.id, email: b.email, createdAt: f.now()))
        },
        ContractCheck("erasing a user removes their links only") { f in
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            let a = OAuthAccount(provider: "google", subject: "gone-\(gone.id.rawValue)", userID: gone.id, email: gone.email, createdAt: f.now())
            let b = OAuthAccount(provider: "google", subject: "kept-\(kept.id.rawValue)", userID: kept.id, email: kept.email, createdAt: f.now())
            try await f.subject.store.link(a)
            try await f.subject.store.link(b)
            try await f.subject.store.eraseData(of: gone)
            #expect(try await f.subject.store.accounts(of: gone.id).isEmpty)
            #expect(try await f.subject.store.account(provider: "google", subject: a.subject) == nil)
            #expect(try await f.subject.store.accounts(of: kept.id) == [b])
        },
    ]
}
