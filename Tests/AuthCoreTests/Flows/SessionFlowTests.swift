import AuthCore
import AuthTesting
import Testing

@Suite struct SessionFlowTests {
    @Test func sessionsAreListedNewestUseFirstWithTheCurrentOnePrimary() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        h.clock.advance(by: .seconds(120))
        guard case .signedIn(let second) = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { Issue.record("sign-in"); return }
        h.clock.advance(by: .seconds(120))
        let auth = try await h.auth.authenticate(token: first.token)  // touches `first`
        let list = try await h.auth.listSessions(auth)
        #expect(list.map(\.session.id) == [first.session.id, second.session.id])
        #expect(list.map(\.primary) == [true, false])
    }

    @Test func logoutAllEndsEveryOtherSessionAndKeepsThisOne() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        guard case .signedIn(let second) = try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        else { Issue.record("sign-in"); return }
        _ = try await h.auth.authenticate(token: first.token)
        let auth = try await h.auth.authenticate(token: second.token)
        #expect(try await h.auth.logout.others(auth, client: h.client) == 1)
        await #expect(throws: AuthError.self) { try await h.auth.authenticate(token: first.token) }
        _ = try await h.auth.authenticate(token: second.token)
        #expect(try await h.auth.listSessions(auth).count == 1)
    }
}
