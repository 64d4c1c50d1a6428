import Foundation

extension UUID {
    /// The canonical text form in lower case (`8-4-4-4-12` hex digits), as the API shows ids.
    ///
    /// Written by hand: Foundation's `uuidString` formats through `snprintf` and upper-cases, so
    /// `uuidString.lowercased()` made three passes and two strings for every id of every response.
    package var lowercasedText: String {
        String(unsafeUninitializedCapacity: Self.textLength) { writeLowercasedText(into: UnsafeMutableRawBufferPointer($0)) }
    }

    /// The length of the canonical text form.
    package static let textLength = 36

    /// Writes ``lowercasedText``'s bytes at the start of `out`, for a caller that writes a body
    /// straight into memory (`GET /me`) and so has no use for the intermediate string.
    /// - Precondition: `out` holds at least ``textLength`` bytes.
    /// - Returns: the bytes written, ``textLength``.
    @discardableResult
    package func writeLowercasedText(into out: UnsafeMutableRawBufferPointer) -> Int {
        precondition(out.count >= Self.textLength, "a UUID's text needs 36 bytes")
        // Written through the base pointer with a digit table: a `/me` request writes four of
        // these (its request id, its Redis key, two ids in the body).
        let hex: StaticString = "0123456789abcdef"
        let target = out.baseAddress!, digits = hex.utf8Start
        return withUnsafeBytes(of: uuid) { bytes in
            var at = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    target.storeBytes(of: UInt8(ascii: "-"), toByteOffset: at, as: UInt8.self)
                    at += 1
                }
                let byte = bytes[index]
                target.storeBytes(of: digits[Int(byte >> 4)], toByteOffset: at, as: UInt8.self)
                target.storeBytes(of: digits[Int(byte & 0x0F)], toByteOffset: at + 1, as: UInt8.self)
                at += 2
            }
            return at
        }
    }

    /// Parses the canonical text form, hex digits in either case: exactly what
    /// `UUID(uuidString:)` accepts, without its `sscanf`.
    /// - Returns: `nil` unless `text` is 36 characters, `-` at offsets 8, 13, 18 and 23, and hex
    ///   digits everywhere else.
    package init?(text: String) {
        guard text.utf8.count == 36 else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
            var byte = 0
            var high: UInt8?
            for (offset, character) in text.utf8.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard character == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard let nibble = Self.nibble(character) else { return false }
                if let pending = high {
                    out[byte] = pending << 4 | nibble
                    byte += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return byte == 16
        }
        guard parsed else { return nil }
        self.init(uuid: value)
    }


    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
