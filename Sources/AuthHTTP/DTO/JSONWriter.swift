import AuthCore
import Foundation
import NIOCore

/// Writes JSON straight into memory, for the few responses on the hot path (`GET /me`):
/// Foundation's `JSONEncoder` costs more than the rest of such a request, and even one buffer
/// write per fragment showed in profiles (docs/benchmarks.md).
///
/// ``buffer(_:)`` runs its body once, into scratch memory on the stack, and copies what it wrote
/// into a buffer of exactly that size. A body that outgrows the scratch memory is measured by that
/// same pass and written again into a buffer of its size. (A bound instead, six bytes for each
/// byte of a string, made a `/me` buffer cross glibc's 1 KiB small-allocation limit, where each
/// `malloc` consolidates the free lists: slower than the scan it saved.)
///
/// The caller writes the fixed parts of its shape with ``raw(_:)``, members in sorted key order,
/// and strings through ``string(_:)``, so the output is the same bytes `JSONBody.response` would
/// produce (`sortedKeys`, `withoutEscapingSlashes`).
struct JSONWriter {
    /// Where the bytes go; `nil` while only measuring (once they did not fit).
    private var out: UnsafeMutableRawBufferPointer?
    /// Bytes written, or once measuring, bytes to write.
    private(set) var count = 0
    private var needsComma = false

    private init(out: UnsafeMutableRawBufferPointer) { self.out = out }

    /// The stack memory the first pass writes into; a `/me` body takes about 450 bytes.
    static let scratchBytes = 1024

    /// A buffer holding what `body` writes.
    static func buffer(_ body: (inout JSONWriter) -> Void) -> ByteBuffer {
        withUnsafeTemporaryAllocation(byteCount: scratchBytes, alignment: 1) { scratch in
            var first = JSONWriter(out: scratch)
            body(&first)
            var buffer = ByteBufferAllocator().buffer(capacity: first.count)
            if first.out != nil {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: scratch[..<first.count]))
                return buffer
            }
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: first.count) { memory in
                var second = JSONWriter(out: memory)
                body(&second)
                precondition(second.out != nil && second.count == first.count, "JSONWriter's body wrote differently twice")
                return second.count
            }
            return buffer
        }
    }

    /// The next `length` bytes of memory to write, or `nil` when only measuring. Counts them
    /// either way. Memory too short for them switches the writer to measuring.
    private mutating func next(_ length: Int) -> UnsafeMutableRawBufferPointer? {
        defer { count += length }
        guard let out else { return nil }
        guard out.count - count >= length else {
            self.out = nil
            return nil
        }
        return UnsafeMutableRawBufferPointer(rebasing: out[count..<count + length])
    }

    /// Writes `fragment` as it is, after which a value is expected: the fixed punctuation and keys
    /// of a known shape in one write (`{"session":{"aal":`), rather than one write for each.
    mutating func raw(_ fragment: StaticString) {
        put(fragment)
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { put(escaping: $0) }
        needsComma = true
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func strings(_ values: [String]) {
        separate()
        put(UInt8(ascii: "["))
        needsComma = false
        for value in values { string(value) }
        put(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A UUID in its lower-case text form, as ``Identifier`` renders it.
    mutating func uuid(_ value: UUID) {
        separate()
        put(UInt8(ascii: "\""))
        if let memory = next(UUID.textLength) { value.writeLowercasedText(into: memory) }
        put(UInt8(ascii: "\""))
        needsComma = true
    }

    /// An RFC 3339 timestamp as ``Timestamp/format(_:)`` writes it.
    mutating func timestamp(_ date: Date) {
        guard Timestamp.isWritable(date) else { return string(Timestamp.format(date)) }  // a year Foundation writes
        separate()
        put(UInt8(ascii: "\""))
        if let memory = next(Timestamp.length) { Timestamp.write(date, into: memory) }
        put(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        put(value ? "true" : "false")
        needsComma = true
    }

    mutating func integer(_ value: Int) {
        separate()
        var magnitude = value.magnitude, digits = 0
        repeat {
            digits += 1
            magnitude /= 10
        } while magnitude > 0
        let length = digits + (value < 0 ? 1 : 0)
        if let memory = next(length) {
            if value < 0 { memory[0] = UInt8(ascii: "-") }
            magnitude = value.magnitude
            for i in stride(from: length - 1, through: length - digits, by: -1) {
                memory[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
        }
        needsComma = true
    }

    mutating func null() {
        separate()
        put("null")
        needsComma = true
    }

    /// `utf8` as a JSON string: quoted, and escaped as Foundation's encoder does.
    private mutating func put(escaping utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        let bytes = UnsafeRawBufferPointer(utf8)
        var start = 0
        for (i, byte) in utf8.enumerated() where Self.escapedLength(byte) > 1 {
            put(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
            putEscaped(byte)
            start = i + 1
        }
        put(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        put(UInt8(ascii: "\""))
    }

    private mutating func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
    }

    /// How many bytes `byte` takes in a string: 1, or its escape's length.
    private static func escapedLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x0C, 0x0A, 0x0D, 0x09: 2
        case ..<0x20: 6
        default: 1
        }
    }

    /// The escapes Foundation's encoder uses: the short forms, else `\u00XX`.
    private mutating func putEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): put("\\\"")
        case UInt8(ascii: "\\"): put("\\\\")
        case 0x08: put("\\b")
        case 0x0C: put("\\f")
        case 0x0A: put("\\n")
        case 0x0D: put("\\r")
        case 0x09: put("\\t")
        default:
            let hex: StaticString = "0123456789abcdef"
            put("\\u00")
            put(hex.utf8Start[Int(byte >> 4)])
            put(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    private mutating func put(_ byte: UInt8) {
        next(1)?[0] = byte
    }

    private mutating func put(_ fragment: StaticString) {
        put(UnsafeRawBufferPointer(start: fragment.utf8Start, count: fragment.utf8CodeUnitCount))
    }

    private mutating func put(_ bytes: UnsafeRawBufferPointer) {
        next(bytes.count)?.copyMemory(from: bytes)
    }
}
