import AuthWebAuthn
import AuthTesting
import Crypto
import _CryptoExtras
import Foundation
import Testing

/// COSE keys of the three accepted algorithms verify their own signatures and nothing else.
@Suite struct COSEKeyTests {
    @Test func anEd25519KeyVerifies() throws {
        let key = Curve25519.Signing.PrivateKey()
        let cose = TestCBOR.map([
            (.int(1), .int(1)), (.int(3), .int(-8)), (.int(-1), .int(6)), (.int(-2), .bytes(Array(key.publicKey.rawRepresentation))),
        ]).encoded
        let parsed = try COSEKey(bytes: cose)
        #expect(parsed.algorithm == .edDSA)
        let data = Array("signed data".utf8)
        let signature = Array(try key.signature(for: data))
        #expect(parsed.isValidSignature(signature, for: data))
        #expect(!parsed.isValidSignature(signature, for: data + [0]))
    }

    @Test func anRSAKeyOf2048BitsVerifiesPKCS1() throws {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let components = try key.publicKey.getKeyPrimitives()
        let cose = TestCBOR.map([
            (.int(1), .int(3)), (.int(3), .int(-257)), (.int(-1), .bytes(Array(components.modulus))),
            (.int(-2), .bytes(Array(components.publicExponent))),
        ]).encoded
        let parsed = try COSEKey(bytes: cose)
        #expect(parsed.algorithm == .rs256)
        let data = Array("signed data".utf8)
        let signature = Array(try key.signature(for: data, padding: .insecurePKCS1v1_5).rawRepresentation)
        #expect(parsed.isValidSignature(signature, for: data))
        #expect(!parsed.isValidSignature(signature, for: data + [0]))
    }

    @Test func aShortRSAKeyAMismatchedCurveAndAnUnknownAlgorithmAreRefused() throws {
        let small = try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: 1024)).publicKey.getKeyPrimitives()
        #expect(throws: WebAuthnFailure.algorithm) {
            try COSEKey(bytes: TestCBOR.map([
                (.int(1), .int(3)), (.int(3), .int(-257)), (.int(-1), .bytes(Array(small.modulus))),
                (.int(-2), .bytes(Array(small.publicExponent))),
            ]).encoded)
        }
        #expect(throws: WebAuthnFailure.algorithm) {  // ES256 on curve P-384 (2)
            try COSEKey(bytes: TestCBOR.map([
                (.int(1), .int(2)), (.int(3), .int(-7)), (.int(-1), .int(2)), (.int(-2), .bytes(Array(repeating: 1, count: 32))),
                (.int(-3), .bytes(Array(repeating: 1, count: 32))),
            ]).encoded)
        }
        #expect(throws: WebAuthnFailure.algorithm) {  // RS1 (-65535)
            try COSEKey(bytes: TestCBOR.map([(.int(1), .int(3)), (.int(3), .int(-65535))]).encoded)
        }
    }
}
