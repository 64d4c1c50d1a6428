import AuthCore
import AuthTesting
import Foundation
import Synchronization
import Testing

/// The embedder's hooks on the in-memory adapters (docs/webhooks.md, "Hooks").
@Suite struct AuthHooksTests {
    /// The events an `eventOccurred` hook was told of, in order.
    final class Received: Sendable {
        let events = Mutex<[AuthEvent]>([])
        var types: [String] { events.withLock { $0.map(\.type.rawValue) } }
        var hook: @Sendable (AuthEvent) async throws -> Void { { event in self.events.withLock { $0.append(event) } } }
    }

    /// A value hooks (escaping closures) can share with the test.
    final class Shared<Value: Sendable>: Sendable {
        let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        func get() -> Value { value.withLock { $0 } }
        func set(_ new: Value) { value.withLock { $0 = new } }
    }

    /// The claims of a token, decoded from its payload.
    static func claims(of token: String) throws -> [String: Any] {
        var part = String(token.split(separator: ".")[1]).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        part += String(repeating: "=", count: (4 - part.count % 4) % 4)
        let data = try #require(Data(base64Encoded: part))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aDeniedSignUpGetsTheHooksReasonAndCreatesNoAccount() async throws {
        var hooks = AuthHooks()
        hooks.beforeUserCreated = { attempt in
            attempt.email.value.hasSuffix("@blocked.example") ? .deny("Sign-ups from blocked.example are closed.") : .allow
        }
        let h = try await TestHarness(hooks: hooks)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signUp(email: "eve@blocked.example", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .signUpDenied)
        #expect(error?.publicDetail == "Sign-ups from blocked.example are closed.")
        #expect(try await h.deps.users.user(email: EmailAddress("eve@blocked.example")) == nil)
        #expect(await h.mailbox.latest(to: try EmailAddress("eve@blocked.example")) == nil)

        try await h.registered("ada@example.com")
        #expect(try await h.deps.users.user(email: EmailAddress("ada@example.com")) != nil)
    }

    @Test func theBeforeHookSeesTheAddressAndTheClient() async throws {
        let seen = Shared<[SignUpAttempt]>([])
        var hooks = AuthHooks()
        hooks.beforeUserCreated = { attempt in
            seen.value.withLock { $0.append(attempt) }
            return .allow
        }
        let h = try await TestHarness(hooks: hooks)
        _ = try await h.auth.signUp(email: "Ada@Example.com", password: "correct horse battery", client: h.client)
        let attempts = seen.get()
        #expect(attempts.map(\.email.value) == ["ada@example.com"])
        #expect(attempts.first?.client.ip == h.client.ip)
        #expect(attempts.first?.method == "password")
    }

    struct HookDown: Error {}

    @Test func aFailingBeforeHookRefusesTheSignUp() async throws {
        var hooks = AuthHooks()
        hooks.beforeUserCreated = { _ in throw HookDown() }
        let h = try await TestHarness(hooks: hooks)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .unavailable)
        #expect(try await h.deps.users.user(email: EmailAddress("ada@example.com")) == nil)
    }

    @Test func aBeforeHookThatOverrunsItsBudgetRefusesTheSignUp() async throws {
        var hooks = AuthHooks()
        hooks.beforeBudget = .milliseconds(50)
        // Never answers: only the budget ends it.
        hooks.beforeUserCreated = { _ in
            try await Task.sleep(for: .seconds(3600))
            return .allow
        }
        let h = try await TestHarness(hooks: hooks)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .unavailable)
        #expect(try await h.deps.users.user(email: EmailAddress("ada@example.com")) == nil)
    }

    @Test func customClaimsAreInTheTokenAndCannotReplaceTheSessionsOwn() async throws {
        var hooks = AuthHooks()
        hooks.customClaims = { user, session in
            [
                "role": .string("editor"), "tenant": .object(["id": .int(42)]), "sub": .string("someone-else"),
                "sid": .string("forged"), "aal": .int(2), "exp": .int(4_102_444_800), "iss": .string("evil"),
                "session_seen": .string(session.id.description), "user_seen": .string(user.email.value),
            ]
        }
        let h = try await TestHarness(hooks: hooks)
        let signedIn = try await h.registered("ada@example.com")
        let claims = try Self.claims(of: signedIn.token)
        #expect(claims["role"] as? String == "editor")
        #expect((claims["tenant"] as? [String: Any])?["id"] as? Int == 42)
        #expect(claims["session_seen"] as? String == signedIn.session.id.description)
        #expect(claims["user_seen"] as? String == "ada@example.com")
        #expect(claims["sub"] as? String == signedIn.user.id.description)
        #expect(claims["sid"] as? String == signedIn.session.id.description)
        #expect(claims["aal"] as? Int == 1)
        #expect(claims["exp"] as? Int == Int(signedIn.session.expiresAt.timeIntervalSince1970))
        #expect(claims["iss"] == nil)
        // The token still authenticates as the session it was issued for.
        let auth = try await h.auth.authenticate(token: signedIn.token)
        #expect(auth.user.id == signedIn.user.id)
        #expect(auth.session.id == signedIn.session.id)
    }

    @Test func aRefreshAsksForTheClaimsAgainSoAChangeShowsAtOnce() async throws {
        let role = Shared("viewer")
        var hooks = AuthHooks()
        hooks.customClaims = { _, _ in ["role": .string(role.get()), "sid": .string("forged")] }
        let h = try await TestHarness(hooks: hooks)
        let signedIn = try await h.registered("ada@example.com")
        #expect(try Self.claims(of: signedIn.token)["role"] as? String == "viewer")
        role.set("editor")
        let refreshed = try await h.auth.refresh(refreshToken: signedIn.refreshToken, client: h.client)
        let claims = try Self.claims(of: refreshed.token)
        #expect(claims["role"] as? String == "editor")
        #expect(claims["sid"] as? String == signedIn.session.id.description)
    }

    @Test func aFailingClaimsHookRefusesTheSignInAndLeavesNoSession() async throws {
        let failing = Shared(false)
        var hooks = AuthHooks()
        hooks.customClaims = { _, _ in
            if failing.get() { throw HookDown() }
            return [:]
        }
        let h = try await TestHarness(hooks: hooks)
        let first = try await h.registered("ada@example.com")
        failing.set(true)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .unavailable)
        #expect(try await h.deps.sessions.activeSessions(of: first.user.id, at: h.clock.now).map(\.id) == [first.session.id])
    }

    @Test func eventOccurredIsToldWhatHappenedWithoutSecrets() async throws {
        let received = Received()
        var hooks = AuthHooks()
        hooks.eventOccurred = received.hook
        let h = try await TestHarness(hooks: hooks)
        let signedIn = try await h.registered("ada@example.com")
        _ = try? await h.auth.signIn(email: "ada@example.com", password: "wrong password here", client: h.client)
        try await h.auth.logout.current(try await h.auth.authenticate(token: signedIn.token), client: h.client)
        #expect(received.types == [
            "user.created", "email.verified", "session.created", "sign_in.failed", "session.revoked",
        ])
        let events = received.events.withLock { $0 }
        #expect(events.allSatisfy { $0.userID == signedIn.user.id })
        #expect(events.allSatisfy { $0.email?.value == "ada@example.com" })
        #expect(events.first { $0.type == .signInFailed }?.reason == "bad_credentials")
        // Nothing an event carries is a code, a hash or a token.
        let code = try await h.code(for: "ada@example.com")
        let text = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        #expect(!text.contains(code))
        #expect(!text.contains("argon2"))
        #expect(!text.contains(signedIn.token))
    }

    @Test func aFailingEventHookIsLoggedAndChangesNothing() async throws {
        var hooks = AuthHooks()
        hooks.eventOccurred = { _ in throw HookDown() }
        let h = try await TestHarness(hooks: hooks)
        let signedIn = try await h.registered("ada@example.com")
        #expect(try await h.auth.authenticate(token: signedIn.token).user.id == signedIn.user.id)
    }

    @Test func aDeletionIsAnEventNamingTheAccount() async throws {
        let received = Received()
        var hooks = AuthHooks()
        hooks.eventOccurred = received.hook
        let h = try await TestHarness(hooks: hooks)
        let ada = try await h.registered("ada@example.com")
        try await h.auth.deleteAccount(try await h.auth.authenticate(token: ada.token), client: h.client)
        let deleted = received.events.withLock { $0 }.last
        #expect(deleted?.type == .userDeleted)
        #expect(deleted?.userID == ada.user.id)
    }
}
