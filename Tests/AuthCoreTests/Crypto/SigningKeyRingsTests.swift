@testable import AuthCore
import AuthTesting
import Foundation
import Testing

/// The rings of every asymmetric algorithm: RS256 for OpenID ID tokens beside the session
/// tokens' keys, in one store and one JWKS (docs/oidc.md, docs/tokens.md).
@Suite struct SigningKeyRingsTests {
    @Test func anRS256RingSignsWhatItsPublishedKeyVerifies() async throws {
        let (auth, _, _) = try await SigningKeyRingTests.harness(.hs256)
        let ring = try await auth.keyRings.ring(for: .rs256)
        let token = try await TokenSigner.sign(["sub": "someone"], with: ring)
        let header = try SigningKeyRingTests.header(token)
        #expect(header["alg"] as? String == "RS256")
        let (claims, kid) = try await TokenSigner.verify(Array(token.utf8), with: ring, as: [String: String].self)
        #expect(claims["sub"] == "someone")
        #expect(kid == header["kid"] as? String)
        // One changed byte of the signature is refused.
        var tampered = Array(token.utf8)
        tampered[tampered.count - 5] = tampered[tampered.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        await #expect(throws: AuthError.self) { try await TokenSigner.verify(tampered, with: ring, as: [String: String].self) }
    }

    @Test func theJWKSPublishesTheSessionAndTheIDTokenKeys() async throws {
        let (auth, _, _) = try await SigningKeyRingTests.harness(.es256)
        #expect(try await auth.keyRings.jwks().allSatisfy { $0["kty"] == "EC" })
        _ = try await auth.keyRings.ring(for: .rs256)
        let keys = try await auth.keyRings.jwks()
        #expect(keys.filter { $0["kty"] == "EC" }.count == 2)
        let rsa = keys.filter { $0["kty"] == "RSA" }
        #expect(rsa.count == 2)  // current and next
        for key in rsa {
            #expect(key["alg"] == "RS256" && key["use"] == "sig")
            #expect(key["e"] == "AQAB")
            // A 2048-bit modulus: 256 bytes, 342 base64url characters, no leading zero byte.
            #expect(key["n"]?.count == 342)
        }
    }

    @Test func anHS256ServiceHasAnEmptyJWKSUntilAnIDTokenKeyIsMade() async throws {
        let (auth, deps, _) = try await SigningKeyRingTests.harness(.hs256)
        #expect(try await auth.keyRings.jwks().isEmpty)
        #expect(try await deps.signingKeys.keys().isEmpty)
    }

    @Test func aSecondRingOnTheSameStoreMakesNoNewKeys() async throws {
        let (auth, deps, clock) = try await SigningKeyRingTests.harness(.hs256)
        _ = try await auth.keyRings.ring(for: .rs256)
        let before = try await deps.signingKeys.keys()
        _ = try await SigningKeyRing(store: deps.signingKeys, algorithm: .rs256, encryptionKey: Array(repeating: 7, count: 32), clock: clock)
        #expect(try await deps.signingKeys.keys() == before)
    }
}
