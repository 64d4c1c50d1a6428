import Testing
@testable import AuthHashing

@Suite struct PHCStringTests {
    static let valid = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"

    @Test func parsesAndRoundTrips() throws {
        let phc = try #require(PHCString(parsing: Self.valid))
        #expect(phc.parameters == Argon2.Parameters(memoryKiB: 65536, iterations: 3, parallelism: 4, outputLength: 24))
        #expect(phc.salt == Array("somesalt".utf8))
        #expect(phc.hash.count == 24)
        #expect(phc.encoded == Self.valid)
        #expect(PHCString(parsing: phc.encoded) == phc)
    }

    @Test func encodesEveryTailLength() throws {
        for length in 4...12 {
            let hash = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
            let phc = PHCString(
                parameters: .init(memoryKiB: 8, iterations: 1, parallelism: 1, outputLength: length),
                salt: Array(repeating: 0xFF, count: 9), hash: hash)
            let parsed = try #require(PHCString(parsing: phc.encoded))
            #expect(parsed == phc)
            #expect(!phc.encoded.split(separator: "$").suffix(2).joined().contains("="))
        }
    }

    @Test func acceptsCanonicalPadding() throws {
        let padded = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ=$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
        let phc = try #require(PHCString(parsing: padded))
        #expect(phc.encoded == Self.valid)
    }

    @Test(arguments: [
        "",
        "argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2i$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2d$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$Argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=16$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=019$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=4,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$t=3,m=65536,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=+65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=-1,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=065536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=6553a,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=4294967296,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=0,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=0$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=31,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=16777216$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536, t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",  // 7-byte salt
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$Rdes",  // 3-byte hash
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHR$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",  // non-zero trailing bits
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQx$RdescudvJCsgt3ub+b+dWRWJTmaaJObG1",  // length 4k+1
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNh*HQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ==$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",  // wrong padding
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ=$RdescudvJCsgt3ub+b+dWRWJTmaaJObG=",  // padding not needed
        "$argon2id$v=19$m=65536,t=3,p=4$c29t=ZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ-_$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",  // URL-safe alphabet
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG$",
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG\n",
        "$argon2id$v=19$m=65536,t=3,p=4,data=Zm9v$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=65536,t=3,p=4$$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$argon2id$v=19$m=６５５３６,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
    ])
    func rejectsMalformed(input: String) {
        #expect(PHCString(parsing: input) == nil)
    }
}
