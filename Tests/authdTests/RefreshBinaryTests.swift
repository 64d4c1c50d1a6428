import AuthClient
import AuthCore
import AuthStorePostgres
import Foundation
import Logging
import Testing

/// Refresh tokens through the authd binary: two instances on PostgreSQL and Redis (docs/tokens.md,
/// "Refresh tokens"; docs/client.md).
@Suite("refresh tokens through authd", .enabled(if: BackingServers.expected), .serialized)
struct RefreshBinaryTests {
    let servers: BackingServers

    init() async throws { servers = try await BackingServers() }

    /// Two instances sharing the database and a Redis database of their own, mail through SMTP.
    func startPair(_ extra: [String: String]) async throws -> [(AuthdProcess, RawHTTPClient)] {
        let smtp = try #require(servers.smtp, "AUTH_TEST_SMTP_URL and AUTH_TEST_SMTP_MAILDIR are needed")
        let redis = try #require(servers.redis, "AUTH_TEST_REDIS_URL is needed") + "/9"
        var env = [
            "PORT": "0", "HOST": "127.0.0.1", "DATABASE_URL": servers.database, "JWT_SECRET": BackingServers.secret,
            "REDIS_URL": redis, "SMTP_URL": smtp.url, "MAIL_FROM": "auth@example.com", "RATE_LIMIT": "1000/60s",
        ]
        env.merge(extra) { _, new in new }
        var pair: [(AuthdProcess, RawHTTPClient)] = []
        for _ in 0..<2 {
            let authd = try AuthdProcess(arguments: ["serve"], environment: env)
            let port = try #require(UInt16(try await authd.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/)))
            pair.append((authd, RawHTTPClient(port: port)))
        }
        return pair
    }

    /// Polls the test SMTP server's maildir for a mail to `address` that contains `text`.
    func waitForMail(to address: String, containing text: String) async throws -> String {
        let smtp = try #require(servers.smtp)
        for _ in 0..<300 {
            let files = (try? FileManager.default.contentsOfDirectory(at: smtp.maildir, includingPropertiesForKeys: nil)) ?? []
            for file in files {
                if let mail = try? String(contentsOf: file, encoding: .utf8), mail.contains(address), mail.contains(text) { return mail }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw RawHTTPClient.ClientError("no mail to \(address) containing \"\(text)\"")
    }

    /// Signs `email` up through `http` and returns the verify-email answer.
    func signUp(_ email: String, through http: RawHTTPClient) async throws -> [String: Any] {
        let signUp = try http.request("POST", "/api/v1/auth/sign-up", json: ["email": email, "password": "correct horse battery"])
        let id = try #require(try signUp.object()["verification_id"] as? String)
        let mail = try await waitForMail(to: email, containing: "verification code")
        // Lines end in CRLF, one Character in Swift: split on newlines rather than matching "\n".
        let codeLine = mail.split(whereSeparator: \.isNewline).first { line in
            line.hasPrefix("    ") && line.dropFirst(4).count == 6 && line.dropFirst(4).allSatisfy(\.isNumber)
        }
        let code = try #require(codeLine.map { String($0.dropFirst(4)) }, "no code in the mail:\n\(mail)")
        let verified = try http.request("POST", "/api/v1/auth/verify-email", json: ["token_id": id, "code": code])
        #expect(verified.status == 200)
        return try verified.object()
    }

    @Test func aStolenRefreshTokenReplayedPastTheIntervalEndsTheSessionEverywhere() async throws {
        let pair = try await startPair(["REFRESH_REUSE_INTERVAL": "1s"])
        defer { for (authd, _) in pair { _ = authd.terminate() } }
        let (a, b) = (pair[0].1, pair[1].1)
        let email = AuthdWithServersTests.uniqueEmail("stolen")
        let signedIn = try await signUp(email, through: a)
        let stolen = try #require(signedIn["refresh_token"] as? String)
        #expect(signedIn["expires_in"] as? Int == 7 * 86_400)

        // The owner refreshes on A, and goes on using A.
        let owner = try a.request("POST", "/api/v1/auth/token/refresh", json: ["refresh_token": stolen]).object()
        let ownerToken = try #require(owner["token"] as? String)
        let me = try a.request("GET", "/api/v1/auth/me", token: ownerToken)
        #expect(me.status == 200)
        let userID = try #require((try me.object()["user"] as? [String: Any])?["id"] as? String)

        // Past the reuse interval, the thief presents the copy on B.
        try await Task.sleep(for: .milliseconds(1500))
        let replay = try b.request("POST", "/api/v1/auth/token/refresh", json: ["refresh_token": stolen], headers: ["X-Client": "thief"])
        #expect(replay.status == 401)
        #expect(try replay.object()["error"] as? String == "unauthorized")

        // The owner's next request, on A, is refused; so is the owner's refresh token.
        #expect(try a.request("GET", "/api/v1/auth/me", token: ownerToken).status == 401)
        let ownerRefresh = try #require(owner["refresh_token"] as? String)
        #expect(try a.request("POST", "/api/v1/auth/token/refresh", json: ["refresh_token": ownerRefresh]).status == 401)

        // The audit log and the owner's mailbox show it.
        let stores = try await PostgresStores.connect(url: servers.database, poolSize: 1, logger: Logger(label: "test"))
        defer { stores.shutdown() }
        let events = try await stores.auditLog.events(of: try #require(UserID(uuidString: userID)), limit: 50)
        let reuse = try #require(events.first { $0.kind == .refreshTokenReused })
        #expect(reuse.client.clientName == "thief")
        _ = try await waitForMail(to: email, containing: "signed out to protect it")
    }

    @Test func tenTasksThroughALossyProxyForFiveSimulatedMinutesAreNeverSignedOut() async throws {
        let pair = try await startPair(["ACCESS_TOKEN_TTL": "2s", "REFRESH_RATE_LIMIT": "100000/60s"])
        defer { for (authd, _) in pair { _ = authd.terminate() } }
        let proxy = try await LossyProxy(upstreams: pair.map(\.1.port), dropRate: 0.05)
        defer { proxy.stop() }
        let email = AuthdWithServersTests.uniqueEmail("chaos")
        _ = try await signUp(email, through: pair[0].1)

        // The client's clock runs five times as fast as the wall: its 2-second access tokens are
        // renewed five times as often, so five minutes of its use take one minute. authd keeps
        // real time, so every token the client holds is still good there.
        let speedup = 5.0
        let started = Date()
        let simulated: @Sendable () -> Date = { started.addingTimeInterval(Date().timeIntervalSince(started) * speedup) }
        var configuration = AuthClient.Configuration()
        configuration.refreshRetryDelay = 0.05
        configuration.refreshRetries = 5
        configuration.clientName = "chaos"
        let client = AuthClient(
            baseURL: URL(string: "http://127.0.0.1:\(proxy.port)")!, configuration: configuration, now: simulated)
        #expect(try await client.signIn(email: email, password: "correct horse battery") == .signedIn)

        /// What one task saw: calls answered, sign-outs, other errors (lost answers after every retry).
        struct Tally: Sendable { var calls = 0, signOuts = 0, errors: [String] = [] }
        let end = started.addingTimeInterval(5 * 60)
        let tallies = try await withThrowingTaskGroup(of: Tally.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    var tally = Tally()
                    // Five minutes of the client's time, and at least 150 refreshes (one per 2-second
                    // token in five minutes), however slowly a loaded machine answers them.
                    while simulated() < end || proxy.counts.dropped + proxy.counts.forwarded < 150 {
                        do {
                            _ = try await client.me()
                            tally.calls += 1
                        } catch AuthClientError.signedOut {
                            tally.signOuts += 1
                            return tally
                        } catch {
                            // Not a sign-out: the next call tries again with the tokens kept.
                            tally.errors.append("\(error)")
                        }
                        try await Task.sleep(for: .milliseconds(200))
                    }
                    return tally
                }
            }
            return try await group.reduce(into: [Tally]()) { $0.append($1) }
        }
        let calls = tallies.map(\.calls).reduce(0, +)
        let errors = tallies.flatMap(\.errors)
        let (dropped, forwarded) = proxy.counts
        #expect(tallies.map(\.signOuts).reduce(0, +) == 0)
        #expect(dropped > 0, "the proxy dropped no refresh answer: the test proved nothing")
        #expect(dropped + forwarded >= 150)
        // The session is alive at the end, on both instances.
        #expect(try await client.me().user.email == email)
        #expect(try await client.isSignedIn)
        let token = try await client.accessToken()
        for (_, http) in pair { #expect(try http.request("GET", "/api/v1/auth/me", token: token).status == 200) }
        print("chaos: \(calls) calls, refresh answers forwarded \(forwarded), dropped \(dropped), transient errors \(errors.count)")
        #expect(errors.count <= calls / 100, "\(errors.prefix(5))")
    }
}
