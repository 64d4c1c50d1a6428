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
    ]
}
