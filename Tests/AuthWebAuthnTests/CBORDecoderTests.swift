import AuthWebAuthn
import AuthTesting
import Testing

/// The CBOR decoder refuses hostile input with a typed error, never a crash or a huge allocation.
@Suite struct CBORDecoderTests {
    @Test func decodesWhatAttestationObjectsUse() throws {
        let encoded = TestCBOR.map([
            (.text("fmt"), .text("none")), (.text("attStmt"), .map([])),
            (.int(-2), .bytes([1, 2, 3])), (.int(3), .int(-257)), (.text("list"), .array([.int(0), .int(70000)])),
        ]).encoded
        let value = try CBORDecoder().decode(encoded)
        #expect(value[text: "fmt"]?.text == "none")
        #expect(value[text: "attStmt"]?.mapEntries?.isEmpty == true)
        #expect(value[int: -2]?.bytes == [1, 2, 3])
        #expect(value[int: 3]?.int == -257)
        #expect(value[text: "list"] == .array([.unsigned(0), .unsigned(70000)]))
    }

    @Test func truncatedInputIsRefused() {
        let encoded = TestCBOR.map([(.text("authData"), .bytes(Array(repeating: 1, count: 40)))]).encoded
        for length in 0..<encoded.count {
            #expect(throws: CBORError.truncated) { try CBORDecoder().decode(Array(encoded.prefix(length))) }
        }
    }

    @Test func deeplyNestedInputIsRefusedAtTheDepthLimit() {
        // 10 000 nested one-element arrays: recursion stops at the limit, not at the stack's end.
        let nested = Array(repeating: UInt8(0x81), count: 10_000) + [0x00]
        #expect(throws: CBORError.tooDeep) { try CBORDecoder().decode(nested) }
        let nestedMaps: [UInt8] = Array(Array(repeating: [UInt8(0xA1), 0x00], count: 1000).joined()) + [0x00]
        #expect(throws: CBORError.tooDeep) { try CBORDecoder().decode(nestedMaps) }
    }

    @Test func indefiniteLengthsAreRefused() {
        #expect(throws: CBORError.indefiniteLength) { try CBORDecoder().decode([0x9F, 0x01, 0xFF]) }  // array
        #expect(throws: CBORError.indefiniteLength) { try CBORDecoder().decode([0x5F, 0x41, 0x00, 0xFF]) }  // bytes
        #expect(throws: CBORError.indefiniteLength) { try CBORDecoder().decode([0xFF]) }  // stray break
    }

    @Test func declaredLengthsBeyondTheInputFailBeforeAllocating() {
        // A byte string and a map that claim 2^64-1 bytes / entries in a handful of bytes.
        #expect(throws: CBORError.truncated) { try CBORDecoder().decode([0x5B] + Array(repeating: 0xFF, count: 8)) }
        #expect(throws: CBORError.truncated) { try CBORDecoder().decode([0xBB] + Array(repeating: 0xFF, count: 8)) }
        #expect(throws: CBORError.tooLarge) { try CBORDecoder().decode(Array(repeating: 0, count: 70_000)) }
    }

    @Test func duplicateKeysTrailingBytesTagsAndFloatsAreRefused() {
        #expect(throws: CBORError.duplicateKey) { try CBORDecoder().decode([0xA2, 0x01, 0x00, 0x01, 0x00]) }
        #expect(throws: CBORError.trailingBytes) { try CBORDecoder().decode([0x01, 0x02]) }
        #expect(throws: CBORError.unsupported) { try CBORDecoder().decode([0xC1, 0x01]) }
        #expect(throws: CBORError.unsupported) { try CBORDecoder().decode([0xF9, 0x3C, 0x00]) }
        #expect(throws: CBORError.invalidText) { try CBORDecoder().decode([0x62, 0xC3, 0x28]) }
    }
}
