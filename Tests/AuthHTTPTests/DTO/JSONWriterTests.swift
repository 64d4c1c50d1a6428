import AuthCore
@testable import AuthHTTP
import Foundation
import NIOCore
import Testing

/// The hand-written JSON of the hot path measures, then writes, exactly the bytes Foundation's
/// encoder would (sorted keys, slashes unescaped).
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
}
