import AuthCore
@testable import AuthHTTP
import Foundation
import NIOCore
import Testing

/// The hand-written JSON of the hot path writes exactly the bytes Foundation's encoder would
/// (sorted keys, slashes unescaped), whether or not they fit its scratch memory.
@Suite struct JSONWriterTests {
    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test(arguments: [
        "", "plain", "a/b", "quote \" and backslash \\", "tab\tnewline\nreturn\rfeed\u{0C}back\u{08}",
        String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self), "Zürich 🔐", "\u{7F}",
    ])
    func stringsAreTheEncodersBytes(_ value: String) throws {
        let buffer = JSONWriter.buffer { $0.string(value) }
        #expect(Array(buffer.readableBytesView) == (try Self.encoded(value)))
    }

    @Test(arguments: [0, 7, -7, 1_000_000, Int.max, Int.min])
    func integersAreTheEncodersBytes(_ value: Int) throws {
        let buffer = JSONWriter.buffer { $0.integer(value) }
        #expect(Array(buffer.readableBytesView) == (try Self.encoded(value)))
    }

    @Test func anArrayOfValuesIsTheEncodersBytes() throws {
        let values = ["pwd", "otp", "a\u{01}b"]
        let buffer = JSONWriter.buffer { $0.strings(values) }
        #expect(Array(buffer.readableBytesView) == (try Self.encoded(values)))
    }

    @Test(arguments: [
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_767_225_600.987_6),
        Date(timeIntervalSince1970: -12_000_000_000), Date(timeIntervalSince1970: -13_000_000_000),
        Date(timeIntervalSince1970: 300_000_000_000),
    ])
    func timestampsAreTheFormattersText(_ date: Date) throws {
        let buffer = JSONWriter.buffer { $0.timestamp(date) }
        #expect(Array(buffer.readableBytesView) == (try Self.encoded(Timestamp.format(date))))
    }

    /// A string whose JSON ends one byte short of the scratch memory, at its end, and one past.
    @Test(arguments: [JSONWriter.scratchBytes - 3, JSONWriter.scratchBytes - 2, JSONWriter.scratchBytes - 1])
    func aBodyAtTheEdgeOfTheScratchMemoryIsWhole(_ length: Int) throws {
        let text = String(repeating: "a", count: length)
        let buffer = JSONWriter.buffer { $0.string(text) }
        #expect(buffer.readableBytes == length + 2)
        #expect(Array(buffer.readableBytesView) == (try Self.encoded(text)))
    }

    /// A body far past the scratch memory, escapes on both sides of its edge: measured by the
    /// first pass and written again.
    @Test func aLongBodyIsWrittenAgainWhole() throws {
        let text = String(repeating: "a\u{01}/\"é", count: 600)
        let date = Date(timeIntervalSince1970: 1_767_225_600.5)
        let buffer = JSONWriter.buffer { json in
            json.raw("[")
            json.string(text)
            json.uuid(UUID(uuid: (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)))
            json.timestamp(date)
            json.integer(-42)
            json.raw("]")
        }
        let expected = try Self.encoded(
            [text, "01020304-0506-0708-090a-0b0c0d0e0f10", Timestamp.format(date)]).dropLast() + Array(",-42]".utf8)
        #expect(Array(buffer.readableBytesView) == Array(expected))
    }
}
