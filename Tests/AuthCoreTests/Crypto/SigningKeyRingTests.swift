@testable import AuthCore
import AuthTesting
import Foundation
import Testing

/// Asymmetric session tokens (docs/tokens.md) through the flows.
@Suite struct SigningKeyRingTests {
    static func harness(_ algorithm: TokenAlgorithm) async throws -> (AuthService, AuthDependencies, ManualClock) {
        let clock = ManualClock()
        let deps = AuthDependencies.inMemory(
            mailer: InMemoryMailbox(), hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
        let auth = try await AuthService(
            dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
            tokenAlgorithm: algorithm)
        return (auth, deps, clock)
    }

    static func session(_ auth: AuthService, _ deps: AuthDependencies, _ clock: ManualClock) async throws -> String {
        let user = User(email: try EmailAddress("kid-\(UUID().uuidString.prefix(6))@example.com"), isEmailVerified: true, createdAt: clock.now)
        try await deps.users.insert(user)
        let session = Session(userID: user.id, client: ClientContext(), createdAt: clock.now, expiresAt: clock.now.addingTimeInterval(3600))
        try await deps.sessions.insert(session)
        return try await auth.tokens.sign(session)
    }

    static func header(_ token: String) throws -> [String: Any] {
        try #require(TokenSigner.header(of: Array(token.utf8)))
    }

    /// A kid is typed on command lines (`authd keys retire <kid>`): it must never read as an
    /// option. Unprefixed base64url started with `-` once in 64 kids, so 500 would show it.
    @Test func kidsNeverStartWithADash() async throws {
        let (auth, _, clock) = try await Self.harness(.edDSA)
        let ring = try #require(auth.signingKeys)
        for _ in 0..<500 {
            let kid = try ring.makeKey(state: .next, at: clock.now).kid
            #expect(!kid.hasPrefix("-"))
            #expect(kid.count == 17)  // the letter and 96 bits of base64url
        }
    }

    @Test(arguments: [TokenAlgorithm.es256, .edDSA])
    func tokensCarryAKidAndVerify(algorithm: TokenAlgorithm) async throws {
        let (auth, deps, clock) = try await Self.harness(algorithm)
        let token = try await Self.session(auth, deps, clock)
        let header = try Self.header(token)
        #expect(header["alg"] as? String == algorithm.rawValue)
        let kid = try #require(header["kid"] as? String)
        let jwks = try await #require(auth.signingKeys).jwks()
        #expect(jwks.count == 2)  // current and next
        #expect(jwks.contains { $0["kid"] == kid })
        _ = try await auth.authenticate(token: token)
    }

    /// docs/security.md, "Secrets at rest": what the store holds of a private half, after the
    /// ring made its first keys and after a rotation (`authd keys rotate`), is AES-256-GCM
    /// ciphertext bound to its kid: it is not a key, holds none, and opens under no other
    /// `ENCRYPTION_KEY` nor for another kid.
    @Test(arguments: [TokenAlgorithm.es256, .edDSA, .rs256])
    func privateHalvesAreStoredSealedAndOpenOnlyWithTheirKey(algorithm: TokenAlgorithm) async throws {
        let (auth, deps, clock) = try await Self.harness(algorithm)
        let ring = try #require(auth.signingKeys)
        try await SigningKeyAdministration(ring: ring, store: deps.signingKeys, clock: clock).rotate(tokenLifetime: .seconds(3600))
        let keys = try await deps.signingKeys.keys()
        #expect(keys.count == 3)  // previous, current, next
        // The harness gives no encryption key, so the ring seals under the JWT secret.
        let box = try SecretBox(secret: Array(repeating: 7, count: 32), purpose: "swift-auth signing keys v1")
        let otherBox = try SecretBox(secret: Array(repeating: 8, count: 32), purpose: "swift-auth signing keys v1")
        for key in keys {
            let sealed = key.sealedPrivateKey
            // A private key inside a nonce and a tag: 32 bytes (P-256, Ed25519), or RSA's DER.
            #expect(algorithm == .rs256 ? sealed.count > 1000 : sealed.count == 32 + 28)
            #expect((try? SigningPrivateKey(raw: sealed, algorithm: algorithm)) == nil)
            let raw = try box.open(sealed, boundTo: "kid\u{0}\(key.kid)")
            #expect(try SigningPrivateKey(raw: raw, algorithm: algorithm).publicKey.raw == key.publicKey)
            #expect(!sealed.indices.contains { sealed[$0...].starts(with: raw) })
            #expect(throws: AuthError.self) { try otherBox.open(sealed, boundTo: "kid\u{0}\(key.kid)") }
            let elsewhere = try #require(keys.first { $0.kid != key.kid })
            #expect(throws: AuthError.self) { try box.open(sealed, boundTo: "kid\u{0}\(elsewhere.kid)") }
        }
        let signer = try await ring.signer()
        let current = try #require(keys.first { $0.kid == signer.kid })
        #expect(!current.sealedPrivateKey.indices.contains { current.sealedPrivateKey[$0...].starts(with: signer.key.raw) })
        // An instance given another ENCRYPTION_KEY refuses to start rather than sign with nothing.
        await #expect(throws: AuthError.self) {
            _ = try await SigningKeyRing(
                store: deps.signingKeys, algorithm: algorithm, encryptionKey: Array(repeating: 8, count: 32), clock: clock)
        }
    }

    @Test func forgedUnknownKidAndOtherAlgorithmsAreRefused() async throws {
        let (auth, deps, clock) = try await Self.harness(.es256)
        let token = try await Self.session(auth, deps, clock)
        let parts = token.split(separator: ".").map(String.init)
        func reheader(_ header: [String: String]) throws -> String {
            let data = try JSONSerialization.data(withJSONObject: header)
            return Base64URL.encode(data) + "." + parts[1] + "." + parts[2]
        }
        let kid = try #require(try Self.header(token)["kid"] as? String)
        let forgeries = [
            try reheader(["alg": "ES256", "typ": "JWT", "kid": "not-a-key"]),
            try reheader(["alg": "ES256", "typ": "JWT"]),
            try reheader(["alg": "HS256", "typ": "JWT", "kid": kid]),
            try reheader(["alg": "none", "typ": "JWT", "kid": kid]),
            parts[0] + "." + parts[1] + "." + Base64URL.encode([UInt8](repeating: 1, count: 64)),
        ]
        // A token from another service's ring with the same kid shape.
        let (other, otherDeps, otherClock) = try await Self.harness(.es256)
        for forged in forgeries + [try await Self.session(other, otherDeps, otherClock)] {
            await #expect(throws: AuthError.self) { try await auth.authenticate(token: forged) }
        }
    }

    @Test func rotationKeepsOldTokensValidAndRetirementRefusesThem() async throws {
        let (auth, deps, clock) = try await Self.harness(.es256)
        let ring = try #require(auth.signingKeys)
        let admin = SigningKeyAdministration(ring: ring, store: deps.signingKeys, clock: clock)
        let before = try await Self.session(auth, deps, clock)
        let oldKid = try #require(try Self.header(before)["kid"] as? String)
        let nextKid = try #require(try await admin.list().first { $0.state == .next }?.kid)

        try await admin.rotate(tokenLifetime: .seconds(3600))
        let after = try await Self.session(auth, deps, clock)
        #expect(try Self.header(after)["kid"] as? String == nextKid)
        _ = try await auth.authenticate(token: before)
        _ = try await auth.authenticate(token: after)
        #expect(Set(try await ring.jwks().compactMap { $0["kid"] }).isSuperset(of: [oldKid, nextKid]))

        #expect(try await admin.retire(oldKid))
        // Refused even though it verified before (the memo re-checks the kid).
        await #expect(throws: AuthError.self) { try await auth.authenticate(token: before) }
        _ = try await auth.authenticate(token: after)
        #expect(!(try await ring.jwks().contains { $0["kid"] == oldKid }))
    }

    @Test func anotherInstanceSeesARotationOnAnUnknownKid() async throws {
        let clock = ManualClock()
        let store = InMemorySigningKeyStore()
        func instance() async throws -> (AuthService, AuthDependencies) {
            var deps = AuthDependencies.inMemory(hasher: Argon2idPasswordHasher(configuration: .cheapForTests), clock: clock)
            deps.signingKeys = store
            return (try await AuthService(
                dependencies: deps, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
                tokenAlgorithm: .es256), deps)
        }
        let (a, depsA) = try await instance()
        var (b, depsB) = try await instance()
        depsB.users = depsA.users
        depsB.sessions = depsA.sessions
        b = try await AuthService(
            dependencies: depsB, jwtSecret: Array(repeating: 7, count: 32), codeKey: Array(repeating: 9, count: 32),
            tokenAlgorithm: .es256)
        let admin = SigningKeyAdministration(ring: try #require(a.signingKeys), store: store, clock: clock)
        // Past the next-key stage twice: b has never seen the key a now signs with.
        try await admin.rotate(tokenLifetime: .seconds(3600))
        try await admin.rotate(tokenLifetime: .seconds(3600))
        clock.advance(by: .seconds(10))
        let token = try await Self.session(a, depsA, clock)
        _ = try await b.authenticate(token: token)
    }
}

extension SigningKeyRingTests {
    /// A token MACed with the shared secret, as HS256 mode would mint it, is refused in ES256 mode
    /// even though the secret is the same: the algorithm is the configuration's, not the token's.
    @Test func anHS256TokenIsRefusedInES256Mode() async throws {
        let (hs, hsDeps, clock) = try await Self.harness(.hs256)
        let (es, _, _) = try await Self.harness(.es256)
        let token = try await Self.session(hs, hsDeps, clock)
        await #expect(throws: AuthError.self) { try await es.tokens.verify(token) }
    }
}
