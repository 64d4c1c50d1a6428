import AuthCore
import Foundation
import Testing

/// The behaviour every ``AdminRoleStore`` adapter must show.
public enum AdminRoleStoreContract {
    /// Every check.
    public static let checks: [ContractCheck<WithUsers<any AdminRoleStore>>] = [
        ContractCheck("grant and revoke the role; granting twice is a no-op") { f in
            let roles = f.subject.store
            let ada = try await f.subject.makeUser(at: f.now())
            let bob = try await f.subject.makeUser(at: f.now())
            #expect(try await roles.isAdmin(ada.id) == false)
            #expect(try await roles.grant(ada.id, at: f.now()))
            #expect(try await roles.grant(ada.id, at: f.now()) == false)
            #expect(try await roles.grant(bob.id, at: f.now()))
            #expect(try await roles.isAdmin(ada.id))
            #expect(Set(try await roles.admins()) == [ada.id, bob.id])
            #expect(try await roles.revoke(ada.id, allowingLast: false))
            #expect(try await roles.isAdmin(ada.id) == false)
            #expect(try await roles.revoke(ada.id, allowingLast: false) == false)
        },
        ContractCheck("the last admin keeps the role unless told otherwise") { f in
            let roles = f.subject.store
            let ada = try await f.subject.makeUser(at: f.now())
            _ = try await roles.grant(ada.id, at: f.now())
            do {
                _ = try await roles.revoke(ada.id, allowingLast: false)
                Issue.record("the last admin lost the role")
            } catch let error as AuthError {
                #expect(error.code == .conflict)
            }
            #expect(try await roles.isAdmin(ada.id))
            #expect(try await roles.revoke(ada.id, allowingLast: true))
            #expect(try await roles.admins().isEmpty)
        },
        ContractCheck("two admins revoking each other at once leave one admin") { f in
            let roles = f.subject.store
            let ada = try await f.subject.makeUser(at: f.now())
            let bob = try await f.subject.makeUser(at: f.now())
            _ = try await roles.grant(ada.id, at: f.now())
            _ = try await roles.grant(bob.id, at: f.now())
            async let first = Result(catching: { try await roles.revoke(ada.id, allowingLast: false) })
            async let second = Result(catching: { try await roles.revoke(bob.id, allowingLast: false) })
            let outcomes = await [first, second]
            #expect(outcomes.filter { (try? $0.get()) == true }.count == 1)
            #expect(try await roles.admins().count == 1)
        },
        ContractCheck("granting the role to an unknown user is not found") { f in
            do {
                _ = try await f.subject.store.grant(UserID(), at: f.now())
                Issue.record("an unknown user got the role")
            } catch let error as AuthError {
                #expect(error.code == .notFound)
            }
        },
        ContractCheck("erasing a user takes their role only") { f in
            let roles = f.subject.store
            let (gone, kept) = (try await f.subject.makeUser(at: f.now()), try await f.subject.makeUser(at: f.now()))
            #expect(try await roles.grant(gone.id, at: f.now()))
            #expect(try await roles.grant(kept.id, at: f.now()))
            try await roles.eraseData(of: gone)
            #expect(try await roles.isAdmin(gone.id) == false)
            #expect(try await roles.isAdmin(kept.id))
        },
    ]
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
