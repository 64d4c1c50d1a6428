import Testing
@testable import AuthHashing

/// Expected digests come from RFC 7693 Appendix A, blake2b-kat.txt and Python's hashlib.blake2b.
@Suite struct BLAKE2bTests {
    @Test func rfc7693AppendixA() {
        #expect(BLAKE2b.hash(Array("abc".utf8)).lowercaseHex == """
            ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
            7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
            """)
    }

    @Test func emptyInput() {
        #expect(BLAKE2b.hash([]).lowercaseHex == """
            786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419\
            d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce
            """)
    }

    /// blake2b-kat.txt: key = 00..3f, input = 00 01 02 .. (n-1); lengths around the block size.
    @Test(arguments: [
        (0, "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568"),
        (1, "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd"),
        (2, "da2cfbe2d8409a0f38026113884f84b50156371ae304c4430173d08a99d9fb1b983164a3770706d537f49e0c916d9f32b95cc37a95b99d857436f0232c88a965"),
        (127, "76d2d819c92bce55fa8e092ab1bf9b9eab237a25267986cacf2b8ee14d214d730dc9a5aa2d7b596e86a1fd8fa0804c77402d2fcd45083688b218b1cdfa0dcbcb"),
        (128, "72065ee4dd91c2d8509fa1fc28a37c7fc9fa7d5b3f8ad3d0d7a25626b57b1b44788d4caf806290425f9890a3a2a35a905ab4b37acfd0da6e4517b2525c9651e4"),
        (129, "64475dfe7600d7171bea0b394e27c9b00d8e74dd1e416a79473682ad3dfdbb706631558055cfc8a40e07bd015a4540dcdea15883cbbf31412df1de1cd4152b91"),
        (255, "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e92484be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461"),
    ])
    func keyedKnownAnswers(length: Int, expected: String) {
        let key = (0..<64).map { UInt8($0) }
        let input = (0..<length).map { UInt8($0 & 0xFF) }
        #expect(BLAKE2b.hash(input, key: key).lowercaseHex == expected)
    }

    @Test func shortKeyAndOutput() {
        // hashlib.blake2b(b"abc", key=b"k" * 32, digest_size=32)
        let digest = BLAKE2b.hash(Array("abc".utf8), outputByteCount: 32, key: Array(repeating: UInt8(ascii: "k"), count: 32))
        #expect(digest.lowercaseHex == "0a9b1f4f633832a535f3e4539d906998c3814fbcd4cc136e57e8ea742ac36b61")
    }

    /// hashlib.blake2b(b"The quick brown fox jumps over the lazy dog", digest_size=n)
    @Test(arguments: [
        (1, "b5"),
        (20, "3c523ed102ab45a37d54f5610d5a983162fde84f"),
        (32, "01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9"),
        (48, "b7c81b228b6bd912930e8f0b5387989691c1cee1e65aade4da3b86a3c9f678fc8018f6ed9e2906720c8d2a3aeda9c03d"),
        (63, "549fb130c7c7c830e402b873706b678ef839a648dca98b3d17b82716ab8409d72b74d3a2e4767fbdd58b9d9fabcdcf4d58f472b59835fa30a5362f3429bccd"),
    ])
    func outputLengths(length: Int, expected: String) {
        let digest = BLAKE2b.hash(Array("The quick brown fox jumps over the lazy dog".utf8), outputByteCount: length)
        #expect(digest.count == length)
        #expect(digest.lowercaseHex == expected)
    }

    /// hashlib.blake2b(bytes(i * 7 % 256 for i in range(1000))), fed in awkward chunk sizes.
    @Test(arguments: [1, 3, 7, 63, 127, 128, 129, 250, 1000])
    func incrementalMatchesOneShot(chunkSize: Int) {
        let input = (0..<1000).map { UInt8($0 * 7 % 256) }
        let expected = "b49dc7bf928d7dee879fafc64c1c93088810acc1f4a02264c4c09809c0f3dbc771e25e2dedce3dbbc0640da14af9fe42fb42b02c9fdff701b817f22192b7b2db"
        var hasher = BLAKE2b(outputByteCount: 64)
        var offset = 0
        while offset < input.count {
            let end = min(offset + chunkSize, input.count)
            hasher.update(Array(input[offset..<end]))
            hasher.update([])  // empty updates must be no-ops
            offset = end
        }
        #expect(hasher.finalize().lowercaseHex == expected)
        #expect(BLAKE2b.hash(input).lowercaseHex == expected)
    }
}
