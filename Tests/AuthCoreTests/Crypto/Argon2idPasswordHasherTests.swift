import AuthCore
import AuthHashing
import AuthTesting
import Testing

@Suite struct Argon2idPasswordHasherTests {
    /// Made by argon2-cffi (reference C) with the old service's parameters; see Tests/AuthHashingTests/Fixtures/.
    static let legacyHunter2 = "$argon2id$v=19$m=65536,t=3,p=4$HyYtNDtCSVBXXmVsc3qBiA$F9xjIhfDBm27LrCMJKT8VrLvIlADi/2Faf5LzTvKfyU"

    @Test func hashesAreArgon2idPHCStringsWithTheConfiguredCostAndFreshSalt() async throws {
        let hasher = Argon2idPasswordHasher(configuration: TestHarness.cheapArgon)
        let a = try await hasher.hash("correct horse")
        let b = try await hasher.hash("correct horse")
        #expect(a.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$"))
        #expect(a != b)
        let parsed = try #require(PHCString(parsing: a))
        #expect(parsed.salt.count == 16)
        #expect(parsed.hash.count == 32)
        #expect(try await hasher.verify("correct horse", against: a))
        #expect(try await hasher.verify("correct horsf", against: a) == false)
        #expect(hasher.needsRehash(a) == false)
    }

    @Test func defaultsAreOWASPs() {
        let c = Argon2idPasswordHasher.Configuration()
        #expect(c.memoryKiB == 19456 && c.iterations == 2 && c.parallelism == 1)
    }

    @Test func theOldServicesHashesVerifyAndAskForARehash() async throws {
        let hasher = Argon2idPasswordHasher()
        #expect(try await hasher.verify("hunter2", against: Self.legacyHunter2))
        #expect(try await hasher.verify("hunter3", against: Self.legacyHunter2) == false)
        #expect(hasher.needsRehash(Self.legacyHunter2))
    }

    @Test(arguments: [
        "$argon2id$v=19$m=4194304,t=3,p=4$HyYtNDtCSVBXXmVsc3qBiA$F9xjIhfDBm27LrCMJKT8VrLvIlADi/2Faf5LzTvKfyU",
        "$argon2id$v=19$m=65536,t=1000,p=4$HyYtNDtCSVBXXmVsc3qBiA$F9xjIhfDBm27LrCMJKT8VrLvIlADi/2Faf5LzTvKfyU",
        "$argon2id$v=19$m=65536,t=3,p=255$HyYtNDtCSVBXXmVsc3qBiA$F9xjIhfDBm27LrCMJKT8VrLvIlADi/2Faf5LzTvKfyU",
    ])
    func absurdStoredCostsAreRefusedWithoutBeingComputed(_ phc: String) async throws {
        // 4 GiB of memory or 1000 passes would take the machine down; they must verify as false at once.
        #expect(try await Argon2idPasswordHasher().verify("hunter2", against: phc) == false)
    }

    @Test(arguments: ["", "plaintext", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "$2b$12$abcdefghijklmnopqrstuv"])
    func malformedOrForeignStringsNeverVerify(_ phc: String) async throws {
        let hasher = Argon2idPasswordHasher(configuration: TestHarness.cheapArgon)
        #expect(try await hasher.verify("anything", against: phc) == false)
        #expect(hasher.needsRehash(phc))
    }

    @Test func aUserWithALegacyHashSignsInAndTheHashIsReplacedWithTheConfiguredParameters() async throws {
        let h = try await TestHarness()
        let user = User(email: try EmailAddress("legacy@example.com"), isEmailVerified: true, createdAt: h.clock.now)
        try await h.deps.users.insert(user)
        try await h.deps.credentials.setPasswordHash(Self.legacyHunter2, for: user.id)
        let result = try await h.auth.signIn(email: "legacy@example.com", password: "hunter2", client: h.client)
        guard case .signedIn = result else { Issue.record("expected a session"); return }
        let stored = try #require(try await h.deps.credentials.passwordHash(for: user.id))
        #expect(stored != Self.legacyHunter2)
        #expect(stored.hasPrefix("$argon2id$v=19$m=64,t=1,p=1$"))
        // And the new hash works for the next sign-in.
        guard case .signedIn = try await h.auth.signIn(email: "legacy@example.com", password: "hunter2", client: h.client)
        else { Issue.record("second sign-in"); return }
    }
}
