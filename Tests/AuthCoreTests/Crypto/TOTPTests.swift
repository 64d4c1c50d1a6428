@testable import AuthCore
import Foundation
import Testing

@Suite struct TOTPTests {
    /// RFC 6238 appendix B: the SHA-1 column, 8 digits, secret "12345678901234567890".
    @Test(arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ] as [(Int, String)])
    func rfc6238AppendixBVectors(time: Int, expected: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8), digits: 8)
        #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(time))) == expected)
    }

    @Test func base32RoundTripsAndReadsRFC4648Vectors() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("MZXW6YTBOI======").map { String(decoding: $0, as: UTF8.self) } == "foobar")
        #expect(Base32.decode("mzxw 6ytb oi").map { String(decoding: $0, as: UTF8.self) } == "foobar")
        #expect(Base32.decode("MZXW1") == nil)
        let bytes = (0..<20).map { UInt8($0 * 13 & 0xFF) }
        #expect(Base32.decode(Base32.encode(bytes)) == bytes)
    }

    @Test func onlyTheStepsWithinOneOfNowMatch() {
        let totp = TOTP(secret: Array(repeating: 3, count: 20))
        let now = Date(timeIntervalSince1970: 1_800_000_015)
        let step = totp.step(at: now)
        for offset in -1...1 {
            #expect(totp.matchingStep(totp.code(step: step + Int64(offset)), at: now) == step + Int64(offset))
        }
        for offset in [-2, 2] {
            #expect(totp.matchingStep(totp.code(step: step + Int64(offset)), at: now) == nil)
        }
        #expect(totp.matchingStep("12345", at: now) == nil)
        #expect(totp.matchingStep("12345a", at: now) == nil)
    }

    @Test func theProvisioningURICarriesTheSecretAndIssuer() throws {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let uri = try #require(URLComponents(string: totp.provisioningURI(account: "ada@example.com", issuer: "Acme Auth")))
        #expect(uri.scheme == "otpauth" && uri.host == "totp")
        #expect(uri.path == "/Acme Auth:ada@example.com")
        let items = Dictionary(uniqueKeysWithValues: (uri.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items["secret"] == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(items["issuer"] == "Acme Auth")
        #expect(items["digits"] == "6" && items["period"] == "30" && items["algorithm"] == "SHA1")
    }

    /// Codes cross-checked against an independent implementation: Debian's `oathtool`, which
    /// `make test` installs (required then; skipped in a bare `swift test` without it).
    @Test(.enabled(if: Oathtool.isEnabled, "needs oathtool (make test installs it)"))
    func codesMatchOathtool() throws {
        let secret = (0..<20).map { UInt8(($0 * 37 + 11) & 0xFF) }
        let totp = TOTP(secret: secret)
        for time in [0, 59, 1_111_111_109, 1_700_000_000, 1_800_000_029, 2_000_000_000] {
            let expected = try Oathtool.totp(base32: Base32.encode(secret), at: time)
            #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(time))) == expected, "at \(time)")
        }
    }
}

/// Runs Debian's `oathtool`.
enum Oathtool {
    static let path = "/usr/bin/oathtool"
    static let isEnabled =
        FileManager.default.isExecutableFile(atPath: path)
        || ProcessInfo.processInfo.environment["AUTH_TEST_REQUIRE_SERVERS"] == "1"

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// `oathtool --totp -b SECRET -N @time` (through `popen`, whose `pclose` reaps the child;
    /// Foundation's `Process.waitUntilExit` can miss a child's exit on Linux).
    static func totp(base32: String, at time: Int) throws -> String {
        // Both arguments are ours (base32 letters and digits): nothing to quote.
        guard let pipe = popen("\(path) --totp -b \(base32) -N @\(time)", "r") else {
            throw Failure(description: "cannot start oathtool")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        let status = pclose(pipe)
        guard status == 0 else { throw Failure(description: "oathtool exited with status \(status)") }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
