import AuthCore
import Foundation
import NIOCore

/// Writes JSON straight into a `ByteBuffer`, for the few responses on the hot path (`GET /me`):
/// Foundation's `JSONEncoder` costs more than the rest of such a request (issue 22).
///
/// The caller writes the fixed parts of its shape with ``raw(_:)``, members in sorted key order,
/// and strings through ``string(_:)``, so the output is the same bytes `JSONBody.response` would
/// produce (`sortedKeys`, `withoutEscapingSlashes`).
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    private var needsComma = false

    init(capacity: Int = 512) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Writes `fragment` as it is, after which a value is expected: the fixed punctuation and keys
    /// of a known shape in one write (`{"session":{"aal":`), rather than one write for each.
    mutating func raw(_ fragment: StaticString) {
        buffer.writeStaticString(fragment)
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start..<i]))
                writeEscaped(byte)
                start = i + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start...]))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func strings(_ values: [String]) {
        separate()
        buffer.writeInteger(UInt8(ascii: "["))
        needsComma = false
        values.forEach { string($0) }
        buffer.writeInteger(UInt8(ascii: "]"))
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        buffer.writeStaticString(value ? "true" : "false")
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        separate()
        buffer.writeString(String(value))
        needsComma = true
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("null")
        needsComma = true
    }

    /// An RFC 3339 timestamp as ``Timestamp/format(_:)`` writes it.
    mutating func timestamp(_ date: Date) {
        string(Timestamp.format(date))
    }

    private mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    /// The escapes Foundation's encoder uses: the short forms, else `\u00XX`.
    private mutating func writeEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
    }
}
