@testable import AuthCore
import AuthTesting
import Crypto
import Foundation
import Testing

/// Registering OpenID clients (docs/oidc.md, "Registering a client"): what a redirect URI may be,
/// and a secret that is shown once and kept only as a hash.
@Suite struct OpenIDClientAdministrationTests {
    static func administration() -> (OpenIDClientAdministration, InMemoryOpenIDClientStore) {
        let store = InMemoryOpenIDClientStore()
        return (OpenIDClientAdministration(clients: store, grants: InMemoryOpenIDGrantStore()), store)
    }

    @Test(arguments: [
        "https://app.example.com/callback", "http://localhost:8081/cb", "http://127.0.0.1/cb", "com.example.app:/oauth",
    ])
    func aRedirectURIMayBe(_ uri: String) throws {
        try OpenIDClientAdministration.check(uri)
    }

    @Test(arguments: [
        "http://app.example.com/callback", "https://app.example.com/cb#fragment", "/relative/path", "javascript:alert(1)",
        "data:text/html,hi", "myapp:/cb", "https:///no-host",
    ])
    func aRedirectURIMayNotBe(_ uri: String) {
        #expect(throws: AuthError.self) { try OpenIDClientAdministration.check(uri) }
    }

    @Test func theSecretIsShownOnceAndStoredOnlyAsItsHash() async throws {
        let (administration, store) = Self.administration()
        let registered = try await administration.add(.init(name: "Notes", redirectURIs: ["https://notes.example.com/cb"]))
        let secret = try #require(registered.secret)
        #expect(secret.count >= 43)  // 256 bits, base64url
        let stored = try #require(await store.client(id: registered.client.id))
        #expect(stored.secretHash == Array(SHA256.hash(data: Array(secret.utf8))))
        #expect(stored.secretHash != Array(secret.utf8))
        #expect(try await administration.list().allSatisfy { $0.secretHash != Array(secret.utf8) })

        let rotated = try await administration.rotateSecret(of: registered.client.id)
        #expect(rotated.secret != secret)
        #expect(await store.client(id: registered.client.id)?.secretHash == Array(SHA256.hash(data: Array(rotated.secret!.utf8))))
    }

    @Test func aPublicClientHasNoSecretToRotate() async throws {
        let (administration, _) = Self.administration()
        let registered = try await administration.add(.init(name: "SPA", redirectURIs: ["https://spa.example.com/cb"], isPublic: true))
        #expect(registered.secret == nil)
        #expect(registered.client.isPublic)
        await #expect(throws: AuthError.self) { try await administration.rotateSecret(of: registered.client.id) }
    }

    @Test func anIDTokenAlgorithmMustBeAsymmetric() async throws {
        let (administration, _) = Self.administration()
        await #expect(throws: AuthError.self) {
            try await administration.add(.init(name: "X", redirectURIs: ["https://x.example.com/cb"], idTokenAlgorithm: .hs256))
        }
    }
}
