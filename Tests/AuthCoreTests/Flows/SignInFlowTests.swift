import AuthCore
import AuthTesting
import Testing

/// A hasher that counts verifications, around the real one.
actor CountingHasher: PasswordHasher {
    let inner: Argon2idPasswordHasher
    private(set) var verifications = 0
    init(_ inner: Argon2idPasswordHasher) { self.inner = inner }
    func hash(_ password: String) async throws -> String { try await inner.hash(password) }
    func verify(_ password: String, against phc: String) async throws -> Bool {
        verifications += 1
        return try await inner.verify(password, against: phc)
    }
    nonisolated func needsRehash(_ phc: String) -> Bool { inner.needsRehash(phc) }
}

@Suite struct SignInFlowTests {
    @Test func rightPasswordSignsIn() async throws {
        let h = try await TestHarness()
        try await h.registered()
        let result = try await h.auth.signIn(email: "ADA@example.com", password: "correct horse battery", client: h.client)
        guard case .signedIn(let signedIn) = result else { Issue.record("expected a session"); return }
        #expect(try await h.auth.authenticate(token: signedIn.token).session.id == signedIn.session.id)
    }

    @Test func wrongPasswordAndUnknownEmailFailAlike() async throws {
        let h = try await TestHarness()
        try await h.registered()
        let wrong = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "wrong password", client: h.client)
        }
        let unknown = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "bob@example.com", password: "wrong password", client: h.client)
        }
        #expect(wrong?.code == .invalidCredentials)
        #expect(unknown?.code == .invalidCredentials)
        #expect(wrong?.publicDetail == unknown?.publicDetail)
    }

    @Test func unknownEmailStillCostsOnePasswordVerification() async throws {
        let counting = CountingHasher(Argon2idPasswordHasher(configuration: TestHarness.cheapArgon))
        let clock = ManualClock()
        let deps = AuthDependencies.inMemory(mailer: InMemoryMailbox(), hasher: counting, clock: clock)
        let auth = try await AuthService(dependencies: deps, jwtSecret: Array(repeating: 1, count: 32), codeKey: Array(repeating: 2, count: 32))
        await #expect(throws: AuthError.self) {
            try await auth.signIn(email: "ghost@example.com", password: "whatever123", client: ClientContext())
        }
        #expect(await counting.verifications == 1)
    }

    @Test func unverifiedAccountIsToldToVerifyOnlyAfterTheRightPassword() async throws {
        let h = try await TestHarness()
        _ = try await h.auth.signUp(email: "ada@example.com", password: "correct horse battery", client: h.client)
        let wrong = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "not the password", client: h.client)
        }
        #expect(wrong?.code == .invalidCredentials)
        let right = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(right?.code == .emailNotVerified)
    }

    @Test func bannedUserCannotSignIn() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        try await h.auth.administration.setBanned(first.user.id, true)
        let error = await #expect(throws: AuthError.self) {
            try await h.auth.signIn(email: "ada@example.com", password: "correct horse battery", client: h.client)
        }
        #expect(error?.code == .invalidCredentials)
    }

    @Test func failuresAndSuccessesAreAudited() async throws {
        let h = try await TestHarness()
        let first = try await h.registered()
        _ = try? await h.auth.signIn(email: "ada@example.com", password: "wrong password", client: h.client)
        let events = try await h.deps.audit.events(of: first.user.id, limit: 10)
        #expect(events.first?.kind == .signInFailed)
        #expect(events.first?.client.ip == h.client.ip)
        #expect(events.contains { $0.kind == .signInSucceeded })
    }
}
