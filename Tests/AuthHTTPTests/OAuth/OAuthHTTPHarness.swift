import AuthCore
import AuthHTTP
import AuthStorePostgres
import AuthTesting
import AuthWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The HTTP application with the OAuth routes of a provider named `google` (kind `google`) whose
/// issuer is the local OpenID provider, so the seed's Google paths are what is exercised.
///
/// The clock starts at the real time: the provider's id_tokens carry real `iat`/`exp`.
struct OAuthHTTPHarness {
    static let redirect = "https://app.example.com/auth/callback"
    /// Where the pages' provider sign-in comes back to (`WebPagesTests.origin`).
    static let pageRedirect = "https://auth.example.com/ui/oauth/google/callback"

    let clock = ManualClock(start: Date())
    let mailbox = InMemoryMailbox()
    let fetcher: AsyncHTTPFetcher
    let deps: AuthDependencies
    let auth: AuthService
    let http: AuthApplication

    /// Runs `body` with a harness, and shuts its HTTP client down afterwards.
    /// - Parameter stores: PostgreSQL stores to use instead of the in-memory ones.
    static func with<T>(stores: PostgresStores? = nil, _ body: (OAuthHTTPHarness) async throws -> T) async throws -> T {
        let issuer = try OIDCTestServer.requireIssuer()
        let fetcher = AsyncHTTPFetcher()
        do {
            let value = try await body(try await OAuthHTTPHarness(issuer: issuer, fetcher: fetcher, stores: stores))
            try await fetcher.shutdown()
            return value
        } catch {
            try? await fetcher.shutdown()
            throw error
        }
    }

    private init(issuer: URL, fetcher: AsyncHTTPFetcher, stores: PostgresStores?) async throws {
        self.fetcher = fetcher
        let inMemory = AuthDependencies.inMemory(
            mailer: mailbox, hasher: Argon2idPasswordHasher(configuration: HTTPHarness.cheapArgon), clock: clock)
        deps = stores.map { $0.dependencies(replacingStoresOf: inMemory) } ?? inMemory
        auth = try await AuthService(dependencies: deps, jwtSecret: HTTPHarness.secret, codeKey: Array(repeating: 9, count: 32))
        let providers = try OAuthProviderRegistry(
            settings: [OAuthProviderSettings(name: "google", kind: "google", clientID: "swift-auth-tests", clientSecret: "s3cret", issuer: issuer)],
            fetcher: fetcher, clock: clock)
        let flow = auth.oauthSignIn(
            providers: providers, states: InMemoryEphemeralStateStore(clock: clock),
            redirectAllowlist: try RedirectAllowlist([Self.redirect, Self.pageRedirect]))
        let web = WebFeature(
            auth: auth,
            settings: WebSettings(origins: ["https://auth.example.com"], csrfKey: Array(repeating: 3, count: 32)),
            oauth: flow)
        http = AuthApplication(
            auth: auth, rateLimiter: InMemoryRateLimiter(clock: clock), features: [OAuthFeature(flow: flow), web])
    }

    /// Runs `body` against the router with the OAuth routes registered (no listening socket; the
    /// server's own calls to the provider are real HTTP).
    func test<T>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await Application(responder: http.buildResponder()).test(.router, body)
    }

    /// `GET /sign-in/google/web`, expecting the 302; returns the provider URL.
    func start(_ client: any TestClientProtocol, state: String = "caller-state-1") async throws -> URL {
        let response = try await client.send(.get, "/api/v1/auth/sign-in/google/web?redirect_uri=\(Self.encoded(Self.redirect))&state=\(state)")
        #expect(response.status == .found)
        return try #require(response.headers[.location].flatMap(URL.init(string:)))
    }

    /// Starts, consents as `sub`, and returns the `{code, state, redirect_uri}` the app would post.
    func consented(_ client: any TestClientProtocol, sub: String) async throws -> [String: any Sendable] {
        let back = try await OIDCTestServer.consent(try await start(client), sub: sub, using: fetcher)
        return ["code": try #require(back["code"]), "state": try #require(back["state"]), "redirect_uri": Self.redirect]
    }

    /// A fresh user at the provider with a verified email; returns its `sub` and email.
    func newUser(verified: Bool = true) async throws -> (sub: String, email: String) {
        let id = UUID().uuidString.lowercased()
        let email = "user-\(id.prefix(8))@example.com"
        try await OIDCTestServer.setUser(
            id, claims: ["email": email, "email_verified": verified, "picture": "https://img.example.com/\(id).png"], using: fetcher)
        return (id, email)
    }

    static func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
}
