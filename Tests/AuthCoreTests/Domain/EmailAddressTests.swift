import Foundation
import Testing

@testable import AuthCore

/// What an address may contain: the rule each sign-in, sign-up and reset applies to the text it is given.
struct EmailAddressTests {
    @Test func forbiddenCharactersAreFoundationsWhiteSpaceAndControlsAndTheSpecials() {
        // The per-character rule against the sets it replaced, over every Unicode scalar.
        let sets = CharacterSet.whitespacesAndNewlines.union(.controlCharacters)
            .union(CharacterSet(charactersIn: "<>()[]\\,;:\""))
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            if EmailAddress.isForbidden(scalar) != sets.contains(scalar) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10).map { String($0, radix: 16) })")
    }

    @Test(arguments: [
        "ada@example.com", "  Ada.Lovelace+tag@Example.COM\n", "o'neil@mail.example.org", "ünïcode@exämple.com",
    ])
    func plausibleAddressesAreNormalised(_ raw: String) throws {
        let address = try EmailAddress(raw)
        #expect(address.value == raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    @Test(arguments: [
        "ada@example", "ada@@example.com", "@example.com", "ada@.example.com", ".ada@example.com", "a..da@example.com",
        "ada lovelace@example.com", "ada@exa\u{0}mple.com", "ada\r\nBcc: eve@example.com", "ada@example.com\u{200B}x",
        "<ada>@example.com", "ada,eve@example.com", "ada@exam\u{00A0}ple.com", "ada@example.com;eve@example.com",
    ])
    func implausibleAddressesAreRefused(_ raw: String) {
        #expect(throws: AuthError.self) { try EmailAddress(raw) }
    }
}
