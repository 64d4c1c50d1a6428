import AuthCore
import AuthHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A user store whose every call hangs until ``release()``, deaf to cancellation, like a driver
/// call blocked on a dead network.
final class HungUserStore: UserStore {
    private let waiting = Mutex<[CheckedContinuation<Void, Never>]>([])

    /// How many calls are hanging.
    var hanging: Int { waiting.withLock { $0.count } }

    /// Lets every hanging call return (as "not found").
    func release() {
        for continuation in waiting.withLock({ w in defer { w = [] }; return w }) { continuation.resume() }
    }

    private func hang() async {
        await withCheckedContinuation { continuation in waiting.withLock { $0.append(continuation) } }
    }

    func insert(_ user: User) async throws { await hang() }
    func user(id: UserID) async throws -> User? { await hang(); return nil }
    func user(email: EmailAddress) async throws -> User? { await hang(); return nil }
    func markEmailVerified(_ id: UserID, at now: Date) async throws -> Bool { await hang(); return false }
    func setEmailFactor(_ id: UserID, enabled: Bool, at now: Date) async throws { await hang() }
    func setBanned(_ id: UserID, _ banned: Bool, at now: Date) async throws { await hang() }
    func changeEmail(_ id: UserID, to email: EmailAddress, at now: Date) async throws { await hang() }
    func eraseData(of user: User) async throws { await hang() }
}

/// The request deadline as a client sees it, on a real connection: the deadline is kept by the
/// connection (``ReadTimeoutHandler``), not by a task per request.
@Suite("per-request deadline")
struct RequestDeadlineTests {
    /// Releases `store` after a long while, so that a broken deadline fails the test (the hung call
    /// returns "not found" and the answer is 401) instead of hanging it.
    static func safetyNet(_ store: HungUserStore) -> Task<Void, Never> {
        Task {
            try? await Task.sleep(for: .seconds(30))
            store.release()
        }
    }

    static func harness(_ store: HungUserStore) async throws -> HTTPHarness {
        var settings = AuthApplication.Settings()
        settings.requestTimeout = .milliseconds(200)
        return try await HTTPHarness(settings: settings, users: store)
    }

    @Test func aHungBackendCallIsAnswered503WithoutWaitingForIt() async throws {
        let store = HungUserStore()
        let safety = Self.safetyNet(store)
        defer {
            safety.cancel()
            store.release()
        }
        let h = try await Self.harness(store)
        try await h.testLive { client in
            let r = try await client.send(
                .post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "x"],
                headers: [RequestIDMiddleware.header: "deadline-1"])
            try r.expectProblem(.serviceUnavailable, "unavailable")
            #expect(r.headers[.retryAfter] == "5")
            // The connection cannot serve another request while the handlers still own it.
            #expect(r.headers[.connection] == "close")
            // The store call never returned (it ignores cancellation): the answer did not wait for it.
            #expect(store.hanging == 1)
            store.release()  // lets the connection's task end, so the server can stop
        }
    }

    @Test func otherConnectionsKeepServingAfterADeadline() async throws {
        let store = HungUserStore()
        let safety = Self.safetyNet(store)
        defer {
            safety.cancel()
            store.release()
        }
        let h = try await Self.harness(store)
        try await h.testLive { client in
            let first = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "x"])
            try first.expectProblem(.serviceUnavailable, "unavailable")
            let port = try #require(client.port)
            try await TestClient.withClient(host: "127.0.0.1", port: port) { (other: TestClient) async throws in
                for _ in 0..<3 {
                    let health = try await other.get("/healthz")
                    #expect(health.status == .ok)
                }
            }
            #expect(store.hanging == 1)
            store.release()  // lets the connection's task end, so the server can stop
        }
    }
}
