import Foundation
import Testing
@testable import AuthHashing

@Suite struct Argon2Tests {
    /// RFC 9106 section 5.3: Argon2id with secret and associated data, 4 lanes.
    @Test func rfc9106TestVector() throws {
        let tag = try Argon2.hashRaw(
            password: Array(repeating: 0x01, count: 32), salt: Array(repeating: 0x02, count: 16),
            secret: Array(repeating: 0x03, count: 8), associatedData: Array(repeating: 0x04, count: 12),
            parameters: .init(memoryKiB: 32, iterations: 3, parallelism: 4, outputLength: 32))
        #expect(tag.lowercaseHex == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659")
    }

    struct Fixture: Decodable, CustomTestStringConvertible {
        let password: String
        let phc: String
        var testDescription: String { phc }
    }

    struct FixtureFile: Decodable {
        let entries: [Fixture]
    }

    /// Hashes made by argon2-cffi; see Fixtures/make_argon2_fixtures.py.
    static let fixtures: [Fixture] = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/argon2id-reference.json")
        // A missing or unreadable file must fail loudly rather than yield zero test cases.
        let data = try! Data(contentsOf: url)
        return try! JSONDecoder().decode(FixtureFile.self, from: data).entries
    }()

    @Test func fixturesArePresent() {
        #expect(Self.fixtures.count >= 8)
    }

    @Test(arguments: fixtures)
    func referenceHashesVerify(fixture: Fixture) throws {
        let phc = try #require(PHCString(parsing: fixture.phc))
        #expect(phc.encoded == fixture.phc)
        let password = Array(fixture.password.utf8)
        let tag = try Argon2.hashRaw(password: password, salt: phc.salt, parameters: phc.parameters)
        #expect(tag == phc.hash)
        let wrong = try Argon2.hashRaw(password: password + [0x21], salt: phc.salt, parameters: phc.parameters)
        #expect(wrong != phc.hash)
    }

    @Test func rejectsInvalidParameters() {
        func attempt(salt: Int = 16, m: UInt32 = 64, t: UInt32 = 1, p: UInt32 = 1, tag: Int = 32) -> Argon2.Error? {
            do {
                _ = try Argon2.hashRaw(
                    password: [1], salt: Array(repeating: 7, count: salt),
                    parameters: .init(memoryKiB: m, iterations: t, parallelism: p, outputLength: tag))
                return nil
            } catch {
                return error
            }
        }
        #expect(attempt(salt: 7) == .invalidSaltLength)
        #expect(attempt(p: 0) == .invalidParallelism)
        #expect(attempt(m: 1 << 27, p: 1 << 24) == .invalidParallelism)
        #expect(attempt(m: 15, p: 2) == .invalidMemory)
        #expect(attempt(t: 0) == .invalidIterations)
        #expect(attempt(tag: 3) == .invalidOutputLength)
        #expect(attempt(salt: 8, m: 16, p: 2, tag: 4) == nil)
    }

    @Test func differentInputsGiveDifferentTags() throws {
        let parameters = Argon2.Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)
        let salt = Array(repeating: UInt8(9), count: 16)
        let base = try Argon2.hashRaw(password: [1, 2, 3], salt: salt, parameters: parameters)
        #expect(base.count == 32)
        #expect(try base != Argon2.hashRaw(password: [1, 2, 3], salt: salt, secret: [1], parameters: parameters))
        #expect(try base != Argon2.hashRaw(password: [1, 2, 3], salt: salt, associatedData: [1], parameters: parameters))
        #expect(try base == Argon2.hashRaw(password: [1, 2, 3], salt: salt, parameters: parameters))
    }
}
