import AuthClient
import Foundation
import Testing

@Suite struct AuthClientTests {
    /// A client holding generation-0 tokens that expire at once (so the next call refreshes).
    static func client(_ authd: FakeAuthd, store: any TokenStore = InMemoryTokenStore()) async throws -> AuthClient {
        try await store.save(StoredTokens(accessToken: "a0", refreshToken: "r0", expiresAt: Date(timeIntervalSince1970: 0), lifetime: 2))
        var configuration = AuthClient.Configuration()
        configuration.refreshRetryDelay = 0.01
        return AuthClient(baseURL: URL(string: "http://authd.test")!, tokenStore: store, transport: authd, configuration: configuration)
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        let authd = FakeAuthd()
        let client = try await Self.client(authd)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await client.accessToken() } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens == ["a1"])
        #expect(await authd.refreshesSeen == ["r0"])
    }

    @Test func aLostRefreshAnswerIsRetriedWithTheSameTokenAndKeepsTheSession() async throws {
        let authd = FakeAuthd()
        await authd.fail(next: .lostAnswer)
        let client = try await Self.client(authd)
        #expect(try await client.accessToken() == "a1")
        // The same refresh token twice: authd's reuse interval answers the retry with the same successor.
        #expect(await authd.refreshesSeen == ["r0", "r0"])
        #expect(try await client.me().user.email == "ada@example.com")
    }

    @Test(arguments: [503, 429, 500])
    func aRefusalThatIsNotAuthdsWordKeepsTheSession(_ status: Int) async throws {
        let authd = FakeAuthd()
        // 5xx is tried again (three more times), 429 is not: each fails every try it gets.
        let failure = FakeAuthd.Failure.status(status, status == 429 ? "rate_limited" : "unavailable")
        for _ in 0..<(status == 429 ? 1 : 4) { await authd.fail(next: failure) }
        let store = InMemoryTokenStore()
        let client = try await Self.client(authd, store: store)
        await #expect(throws: AuthAPIError.self) { try await client.accessToken() }
        #expect(try await client.isSignedIn)
        #expect(await store.load()?.refreshToken == "r0")
        // Later it goes through, with the tokens it kept.
        #expect(try await client.accessToken() == "a1")
    }

    @Test func networkErrorsBeyondTheRetriesKeepTheSession() async throws {
        let authd = FakeAuthd()
        await authd.fail(next: .lostAnswer, .lostAnswer, .lostAnswer, .lostAnswer)
        let client = try await Self.client(authd)
        await #expect(throws: URLError.self) { try await client.accessToken() }
        #expect(try await client.isSignedIn)
    }

    @Test func onlyA401FromTheRefreshRouteSignsOut() async throws {
        let authd = FakeAuthd()
        await authd.fail(next: .status(401, "unauthorized"))
        let store = InMemoryTokenStore()
        let client = try await Self.client(authd, store: store)
        await #expect(throws: AuthClientError.signedOut) { try await client.accessToken() }
        #expect(try await client.isSignedIn == false)
        #expect(await store.load() == nil)
    }

    @Test func problemJSONIsATypedErrorCarryingItsCode() async throws {
        let client = AuthClient(baseURL: URL(string: "http://authd.test")!, transport: FakeAuthd())
        let error = await #expect(throws: AuthAPIError.self) { try await client.signIn(email: "ada@example.com", password: "nope nope") }
        #expect(error?.error == "invalid_credentials" && error?.status == 401)
        #expect(error?.message == "Wrong email or password")
    }

    @Test func aFileTokenStoreKeepsTokensForItsOwnerOnly() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("authclient-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        let store = FileTokenStore(url: url)
        #expect(try await store.load() == nil)
        let tokens = StoredTokens(accessToken: "a", refreshToken: "r", expiresAt: Date(timeIntervalSince1970: 1_000_000), lifetime: 600)
        try await store.save(tokens)
        try await store.save(tokens)
        #expect(try await FileTokenStore(url: url).load() == tokens)
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        try await store.clear()
        #expect(try await store.load() == nil)
    }
}
