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
}

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
        try await h.test { client in
            let r = try await client.send(.post, "/api/v1/auth/sign-in/credentials", json: ["email": "ada@example.com", "password": "x"])
            try r.expectProblem(.serviceUnavailable, "unavailable")
            #expect(r.headers[.retryAfter] == "5")
            #expect(r.headers[.init("X-Request-Id")!] != nil)  // the shared middleware still ran
            // The store call never returned (it ignores cancellation): the answer did not wait for it.
            #expect(store.hanging == 1)
            // Routes that do not touch the hung store answer as usual.
            #expect(try await client.send(.get, "/healthz").status == .ok)
        }
    }

    @Test func theConnectionKeepsServingAfterADeadline() async throws {
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
            for _ in 0..<3 { #expect(try await client.send(.get, "/healthz").status == .ok) }
        }
    }
}
